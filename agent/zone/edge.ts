/**
 * @module EdgeClient: the agent's HTTP calls to the Kumo edge with its zone token, and the
 * errors a user can act on (a refused token, an unreachable edge) told apart from the rest.
 */
import type {
  ConfigRequest,
  ConfigResponse,
  DataplanesReport,
  DataplanesReportResult,
} from '../../core/sync/protocol'

/** EdgeError says why an edge call failed; `kind` picks the log message and the backoff. */
export class EdgeError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'forbidden' | 'unreachable' | 'http',
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }
}

export interface EdgeClientOptions {
  url: string
  zone: string
  /** token reads the zone token each call, so a replaced token file is picked up. */
  token: () => string
  fetch?: typeof fetch
}

/** EdgeClient talks to `/zone/v1/*`. */
export class EdgeClient {
  private readonly fetch: typeof fetch

  constructor(private readonly opts: EdgeClientOptions) {
    this.fetch = opts.fetch ?? fetch
  }

  private async call<T>(
    method: string,
    path: string,
    body: unknown,
    timeoutMs: number,
  ): Promise<T> {
    let res: Response
    try {
      res = await this.fetch(this.opts.url + path, {
        method,
        headers: {
          Authorization: `Bearer ${this.opts.token()}`,
          'X-Kumo-Zone': this.opts.zone,
          'Content-Type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name
      throw new EdgeError('unreachable', `edge ${this.opts.url} unreachable (${cause})`)
    }
    const text = await res.text().catch(() => '')
    if (res.status === 401 || res.status === 403) {
      let detail = text
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text
      } catch {}
      throw new EdgeError(
        res.status === 401 ? 'unauthorized' : 'forbidden',
        `edge refused the zone token (${res.status}): ${detail}`,
        res.status,
      )
    }
    if (!res.ok)
      throw new EdgeError('http', `edge answered ${res.status}: ${text.slice(0, 500)}`, res.status)
    try {
      return JSON.parse(text) as T
    } catch {
      throw new EdgeError(
        'http',
        `edge answered ${res.status} with a body that is not JSON`,
        res.status,
      )
    }
  }

  /** config long-polls `POST /zone/v1/config`. */
  config(held: ConfigRequest, holdSeconds: number): Promise<ConfigResponse> {
    return this.call('POST', `/zone/v1/config?hold=${holdSeconds}`, held, (holdSeconds + 30) * 1000)
  }

  report(report: DataplanesReport): Promise<DataplanesReportResult> {
    return this.call('PUT', '/zone/v1/dataplanes', report, 30_000)
  }

  disconnect(instanceId: string, agentVersion: string): Promise<unknown> {
    return this.call('POST', '/zone/v1/disconnect', { instanceId, agentVersion }, 5_000)
  }
}

/** backoff is the wait before retry `attempt` (1, 2, ...): exponential to maxMs, full jitter. */
export function backoff(
  attempt: number,
  baseMs = 250,
  maxMs = 30_000,
  random = Math.random,
): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 20))
  return Math.round(cap / 2 + (random() * cap) / 2)
}
