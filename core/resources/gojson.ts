/** @module goJsonSyntaxError: the first JSON syntax error, worded as Go's encoding/json does. */

/**
 * goJsonSyntaxError returns Go's message for the first syntax error in `text`
 * (`invalid character ',' looking for beginning of object key string`,
 * `unexpected end of JSON input`), or undefined when the text is valid JSON.
 * kuma-cp puts that message in its 400s; clients and its tests compare it.
 */
export function goJsonSyntaxError(text: string): string | undefined {
  let i = 0
  const n = text.length
  const ws = () => {
    while (i < n && ' \t\r\n'.includes(text[i])) i++
  }
  const ch = (c: string) => {
    const q = c === "'" ? "'\\''" : c === '"' ? `'"'` : `'${c}'`
    return `invalid character ${q}`
  }
  class Fail extends Error {}
  const fail = (msg: string): never => {
    throw new Fail(msg)
  }
  const eof = () => fail('unexpected end of JSON input')
  const str = () => {
    i++ // opening quote
    while (true) {
      if (i >= n) eof()
      const c = text[i]
      if (c === '"') return void i++
      if (c === '\\') {
        i++
        if (i >= n) eof()
        const e = text[i]
        if ('"\\/bfnrt'.includes(e)) i++
        else if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (i + k >= n) eof()
            if (!/[0-9a-fA-F]/.test(text[i + k]))
              fail(`${ch(text[i + k])} in \\u hexadecimal character escape`)
          }
          i += 5
        } else fail(`${ch(e)} in string escape code`)
      } else if (c.charCodeAt(0) < 0x20) fail(`${ch(c)} in string literal`)
      else i++
    }
  }
  const lit = (word: string) => {
    for (let k = 0; k < word.length; k++) {
      if (i >= n) eof()
      if (text[i] !== word[k]) fail(`${ch(text[i])} in literal ${word} (expecting '${word[k]}')`)
      i++
    }
  }
  const num = () => {
    if (text[i] === '-') i++
    if (i >= n) eof()
    if (text[i] === '0') i++
    else if (/[1-9]/.test(text[i])) while (i < n && /[0-9]/.test(text[i])) i++
    else fail(`${ch(text[i])} in numeric literal`)
    if (text[i] === '.') {
      i++
      if (i >= n) eof()
      if (!/[0-9]/.test(text[i])) fail(`${ch(text[i])} after decimal point in numeric literal`)
      while (i < n && /[0-9]/.test(text[i])) i++
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      if (i >= n) eof()
      if (!/[0-9]/.test(text[i])) fail(`${ch(text[i])} in exponent of numeric literal`)
      while (i < n && /[0-9]/.test(text[i])) i++
    }
  }
  const value = (): void => {
    ws()
    if (i >= n) eof()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (i >= n) eof()
      if (text[i] === '}') return void i++
      while (true) {
        ws()
        if (i >= n) eof()
        if (text[i] !== '"') fail(`${ch(text[i])} looking for beginning of object key string`)
        str()
        ws()
        if (i >= n) eof()
        if (text[i] !== ':') fail(`${ch(text[i])} after object key`)
        i++
        value()
        ws()
        if (i >= n) eof()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') return void i++
        fail(`${ch(text[i])} after object key:value pair`)
      }
    }
    if (c === '[') {
      i++
      ws()
      if (i >= n) eof()
      if (text[i] === ']') return void i++
      while (true) {
        value()
        ws()
        if (i >= n) eof()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') return void i++
        fail(`${ch(text[i])} after array element`)
      }
    }
    if (c === '"') return str()
    if (c === 't') return lit('true')
    if (c === 'f') return lit('false')
    if (c === 'n') return lit('null')
    if (c === '-' || /[0-9]/.test(c)) return num()
    fail(`${ch(c)} looking for beginning of value`)
  }
  try {
    value()
    ws()
    if (i < n) fail(`${ch(text[i])} after top-level value`)
    return undefined
  } catch (e) {
    if (e instanceof Fail) return e.message
    throw e
  }
}
