/** @module KumaError: the one error envelope of the API (Kuma's `/std-errors`). */
import type { ValidationError } from '../validators/validation-error'

export interface InvalidParameter {
  field: string
  reason: string
}

/** ErrorEnvelope is what kuma-cp sends for every failed call, deprecated fields included. */
export interface ErrorEnvelope {
  type: '/std-errors'
  status: number
  title: string
  detail: string
  instance?: string
  invalid_parameters?: InvalidParameter[]
  /** @deprecated kept because kumactl 2.x and older clients read it */
  details: string
  /** @deprecated kept because kumactl 2.x and older clients read it */
  causes?: { field: string; message: string }[]
}

/**
 * KumaError is an error that knows its HTTP status and Kuma's title/detail. Route code throws it;
 * the app's single onError turns it into the envelope.
 */
export class KumaError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly invalidParameters: InvalidParameter[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${title}: ${detail}`)
  }

  toEnvelope(): ErrorEnvelope {
    const env: ErrorEnvelope = {
      type: '/std-errors',
      status: this.status,
      title: this.title,
      detail: this.detail,
      details: this.detail,
    }
    if (this.invalidParameters.length > 0) {
      env.invalid_parameters = this.invalidParameters
      env.causes = this.invalidParameters.map((p) => ({ field: p.field, message: p.reason }))
    }
    // Kuma orders keys type,status,title,detail,invalid_parameters,details,causes
    const { type, status, title, detail, invalid_parameters, details, causes } = env
    return JSON.parse(
      JSON.stringify({ type, status, title, detail, invalid_parameters, details, causes }),
    ) as ErrorEnvelope
  }
}

export const notFound = (title: string) => new KumaError(404, title, 'Not found')

export const badRequest = (detail: string) => new KumaError(400, 'Bad Request', detail)

/** invalid turns collected violations into Kuma's 400 "Resource is not valid". */
export function invalid(title: string, err: ValidationError, detail = 'Resource is not valid') {
  return new KumaError(
    400,
    title,
    detail,
    err.violations.map((v) => ({ field: v.field, reason: v.message })),
  )
}

export const conflict = (detail: string) => new KumaError(409, 'Conflict', detail)

export const unauthenticated = (detail: string) =>
  new KumaError(401, 'Unauthenticated', detail, [], {
    'WWW-Authenticate': 'Bearer realm="kumo"',
  })

export const accessDenied = (detail: string) => new KumaError(403, 'Access Denied', detail)

export const methodNotAllowed = (detail: string) => new KumaError(405, 'Method not Allowed', detail)
