/** @module Go library checks of text Kuma's validators lean on: govalidator's IsFilePath and IsJSON, regexp.Compile, go-spiffe IDs. */

/** isFilePath is govalidator.IsFilePath: a Windows or Unix path. */
export function isFilePath(s: string): boolean {
  if (/^[a-zA-Z]:\\(?:[^\\/:*?"<>|\r\n]+\\)*[^\\/:*?"<>|\r\n]*$/.test(s)) {
    return s.length - 3 <= 32767
  }
  return /^(\/[^/\x00]*)+\/?$/.test(s)
}

/** isJSON is govalidator.IsJSON: the text parses as JSON. */
export function isJSON(s: string): boolean {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}

/**
 * isRE2 reports whether Go's regexp.Compile would accept the pattern: JavaScript must compile it
 * and it must not use what RE2 leaves out (lookaround, backreferences, possessive quantifiers).
 */
export function isRE2(pattern: string): boolean {
  if (/\(\?<?[=!]|\\[1-9]|\\k<|[*+?}]\+/.test(pattern)) return false
  try {
    new RegExp(pattern.replace(/\(\?P</g, '(?<'), 'u')
    return true
  } catch {
    return false
  }
}

/** spiffeIDError is go-spiffe's spiffeid.FromString error text, or undefined for a valid ID. */
export function spiffeIDError(id: string): string | undefined {
  const prefix = 'spiffe://'
  if (id === '') return 'cannot be empty'
  if (!id.startsWith(prefix)) return 'scheme is missing or invalid'
  let i = prefix.length
  for (; i < id.length && id[i] !== '/'; i++) {
    if (!/[a-z0-9._-]/.test(id[i])) {
      return 'trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores'
    }
  }
  if (i === prefix.length) return 'trust domain is missing'
  const path = id.slice(i)
  if (path === '') return undefined
  const segments = path.split('/').slice(1)
  for (const [n, seg] of segments.entries()) {
    const last = n === segments.length - 1
    if (seg === '')
      return last ? 'path cannot have a trailing slash' : 'path cannot contain empty segments'
    if (seg === '.' || seg === '..') return 'path cannot contain dot segments'
    if (!/^[a-zA-Z0-9._-]+$/.test(seg)) {
      return 'path segment characters are limited to letters, numbers, dots, dashes, and underscores'
    }
  }
  return undefined
}
