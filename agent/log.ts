/** @module Structured logging for the zone agent: one JSON object a line, fields beside the message. */

export type LogFields = Record<string, unknown>

/** Logger is what agent components log through; tests pass `silentLogger` or a recorder. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LEVELS)[number]

/** jsonLogger writes `{"ts","level","msg",...fields}` lines to stderr at `level` and above. */
export function jsonLogger(
  level: LogLevel = 'info',
  base: LogFields = {},
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const min = LEVELS.indexOf(level)
  const at =
    (l: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (LEVELS.indexOf(l) < min) return
      write(JSON.stringify({ ts: new Date().toISOString(), level: l, msg, ...base, ...fields }))
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** silentLogger drops everything. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
}
