/**
 * @module Lexer of the Go text/template subset used for HostnameGenerator templates
 * (text/template/parse `lex.go`), with Go's error texts.
 */

/** TemplateError carries Go's error text (`template: :1: ...`). */
export class TemplateError extends Error {}

/** TemplateUnsupported marks a construct this subset does not evaluate. */
export class TemplateUnsupported extends Error {}

export type TokType =
  | 'text'
  | 'left'
  | 'right'
  | 'space'
  | 'field'
  | 'ident'
  | 'dot'
  | 'string'
  | 'raw'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'char'
  | 'variable'
  | 'declare'
  | 'assign'
  | 'keyword'
  | 'error'
  | 'eof'

export interface Tok {
  typ: TokType
  pos: number
  val: string
}

const keywords = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'template',
  'with',
])
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n'
const isAlnum = (c: string) => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c)

/** goRune formats a character as Go's %#U: `U+005B '['`. */
export function goRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`
}

export function lex(input: string): Tok[] {
  const toks: Tok[] = []
  let pos = 0
  const emit = (typ: TokType, start: number, val: string) => toks.push({ typ, pos: start, val })
  const fail = (start: number, msg: string) => (emit('error', start, msg), toks)
  const atTerminator = (p: number) => {
    const c = input[p]
    return c === undefined || isSpace(c) || '.,|:)('.includes(c) || input.startsWith('}}', p)
  }
  let trimNext = false
  while (pos <= input.length) {
    let end = input.indexOf('{{', pos)
    if (end < 0) end = input.length
    let text = input.slice(pos, end)
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '')
    trimNext = false
    let actionStart = end + 2
    if (end < input.length && input[end + 2] === '-' && isSpace(input[end + 3] ?? '')) {
      text = text.replace(/[ \t\r\n]+$/, '')
      actionStart = end + 4
    }
    if (text) emit('text', pos, text)
    if (end >= input.length) break
    pos = actionStart
    while (isSpace(input[pos] ?? '') && actionStart !== end + 2) pos++
    if (input.startsWith('/*', pos)) {
      const close = input.indexOf('*/', pos + 2)
      if (close < 0) return fail(end, 'unclosed comment')
      pos = close + 2
      const m = /^( -)?}}/.exec(input.slice(pos))
      if (!m) return fail(end, 'comment ends before closing delimiter')
      trimNext = m[1] !== undefined
      pos += m[0].length
      continue
    }
    emit('left', end, '{{')
    let depth = 0
    for (;;) {
      const start = pos
      const c = input[pos]
      if (input.startsWith('}}', pos) || (input.startsWith(' -}}', pos) && c === ' ')) {
        if (depth > 0) return fail(start, 'unclosed left paren')
        trimNext = input[pos] === ' '
        if (trimNext) emit('space', pos, ' ')
        pos += trimNext ? 4 : 2
        emit('right', start, '}}')
        break
      }
      if (c === undefined) return fail(start, 'unclosed action')
      pos++
      if (isSpace(c)) {
        while (isSpace(input[pos] ?? '') && !input.startsWith(' -}}', pos)) pos++
        emit('space', start, input.slice(start, pos))
      } else if (c === ':') {
        if (input[pos] !== '=') return fail(start, 'expected :=')
        pos++
        emit('declare', start, ':=')
      } else if (c === '=') emit('assign', start, '=')
      else if (c === '|') emit('pipe', start, '|')
      else if (c === '"' || c === '`') {
        const re = c === '"' ? /^(?:[^"\\\n]|\\[^\n])*"/ : /^[^`]*`/
        const m = re.exec(input.slice(pos))
        if (!m)
          return fail(
            start,
            c === '"' ? 'unterminated quoted string' : 'unterminated raw quoted string',
          )
        pos += m[0].length
        emit(c === '"' ? 'string' : 'raw', start, input.slice(start, pos))
      } else if (c === '$') {
        while (isAlnum(input[pos] ?? '')) pos++
        if (!atTerminator(pos)) return fail(start, `bad character ${goRune(input[pos])}`)
        emit('variable', start, input.slice(start, pos))
      } else if (c === '.' && !/[0-9]/.test(input[pos] ?? '')) {
        if (atTerminator(pos)) emit('dot', start, '.')
        else {
          while (isAlnum(input[pos] ?? '')) pos++
          if (!atTerminator(pos)) return fail(start, `bad character ${goRune(input[pos])}`)
          emit('field', start, input.slice(start, pos))
        }
      } else if (/[-+.0-9]/.test(c)) {
        const m = /^[-+]?(0[xX][0-9a-fA-F_]*|[0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9_]+)?i?/.exec(
          input.slice(start),
        )
        pos = start + (m?.[0].length ?? 1)
        if (isAlnum(input[pos] ?? ''))
          return fail(start, `bad number syntax: ${JSON.stringify(input.slice(start, pos + 1))}`)
        emit('number', start, input.slice(start, pos))
      } else if (isAlnum(c)) {
        while (isAlnum(input[pos] ?? '')) pos++
        if (!atTerminator(pos)) return fail(start, `bad character ${goRune(input[pos])}`)
        const word = input.slice(start, pos)
        emit(
          keywords.has(word)
            ? 'keyword'
            : word === 'nil'
              ? 'nil'
              : word === 'true' || word === 'false'
                ? 'bool'
                : 'ident',
          start,
          word,
        )
      } else if (c === '(') {
        depth++
        emit('lparen', start, c)
      } else if (c === ')') {
        depth--
        if (depth < 0) return fail(start, 'unexpected right paren')
        emit('rparen', start, c)
      } else if (c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f) emit('char', start, c)
      else return fail(start, `unrecognized character in action: ${goRune(c)}`)
    }
  }
  emit('eof', input.length, '')
  return toks
}
