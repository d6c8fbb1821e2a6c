/** @module The CLI's two failure kinds and how they print: user errors exit 1, server or network errors exit 2. */

/** EXIT maps outcomes to process exit codes; kumoctl never exits with anything else. */
export const EXIT = Object.freeze({ OK: 0, USER: 1, SERVER: 2 })

/**
 * CliError is a failure with one clear sentence (`message`), optional detail lines (each
 * violation as `field: reason`) and the exit code it ends the process with.
 */
export class CliError extends Error {
  /**
   * @param {string} message one sentence saying what went wrong
   * @param {{ code?: number, lines?: string[] }} [opts]
   */
  constructor(message, opts = {}) {
    super(message)
    this.code = opts.code ?? EXIT.USER
    this.lines = opts.lines ?? []
  }
}

/** userError is a mistake in the command line, a file or the config: exit 1. */
export const userError = (message, lines = []) => new CliError(message, { code: EXIT.USER, lines })

/** serverError is an unreachable, failing or incomprehensible control plane: exit 2. */
export const serverError = (message, lines = []) =>
  new CliError(message, { code: EXIT.SERVER, lines })

/**
 * ApiError is a non-2xx answer from the control plane. `envelope` is Kuma's `/std-errors` body
 * when the server sent one. 4xx answers are the user's to fix (exit 1), 5xx are the server's (2).
 */
export class ApiError extends CliError {
  /**
   * @param {number} status
   * @param {string} method
   * @param {string} url
   * @param {Record<string, any> | undefined} envelope
   * @param {string} text raw body, used when there is no envelope
   */
  constructor(status, method, url, envelope, text) {
    const summary = summarize(status, envelope, text)
    super(`the control plane answered ${method} ${url} with ${status}: ${summary}`, {
      code: status >= 500 ? EXIT.SERVER : EXIT.USER,
      lines: violations(envelope),
    })
    this.status = status
    this.envelope = envelope
    this.summary = summary
  }
}

/** summarize is kumactl's `Title (detail)` for an error envelope, or the start of a plain body. */
function summarize(status, envelope, text) {
  if (envelope && (envelope.title || envelope.detail || envelope.details)) {
    const detail = envelope.detail || envelope.details || ''
    return detail && detail !== envelope.title ? `${envelope.title} (${detail})` : envelope.title
  }
  const body = (text ?? '').trim().split('\n')[0].slice(0, 200)
  return body || `HTTP ${status}`
}

/** violations lists `invalid_parameters` (or the deprecated `causes`) as `field: reason`. */
export function violations(envelope) {
  if (!envelope) return []
  if (Array.isArray(envelope.invalid_parameters)) {
    return envelope.invalid_parameters.map((p) => `${p.field}: ${p.reason}`)
  }
  if (Array.isArray(envelope.causes)) return envelope.causes.map((c) => `${c.field}: ${c.message}`)
  return []
}

/**
 * report prints an error to stderr as `Error: <sentence>` followed by `* <line>` for each
 * violation, and returns the exit code.
 * @param {unknown} err
 * @param {{ write(s: string): unknown }} stderr
 */
export function report(err, stderr) {
  if (err instanceof CliError) {
    stderr.write(`Error: ${err.message}\n`)
    // lines indented by two spaces belong to the line above them
    for (const l of err.lines)
      stderr.write(l.startsWith('  ') ? `  * ${l.trimStart()}\n` : `* ${l}\n`)
    return err.code
  }
  const msg = err instanceof Error ? err.message : String(err)
  stderr.write(`Error: kumoctl failed unexpectedly: ${msg}\n`)
  return EXIT.SERVER
}
