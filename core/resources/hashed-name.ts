/**
 * @module Kuma's `hash.HashedName`: the name a resource synced from another zone or from global
 * is stored under (display name, a dash, a k8s-safe FNV-64a of mesh, name and more values).
 */

/** ALPHANUMS is Kubernetes' `rand.SafeEncodeString` alphabet (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'
/** MAX_NAME: Kubernetes' name limit less the dash and 16 hash characters. */
const MAX_NAME = 253 - (1 + 16)

/** hashedName is Kuma's `hash.HashedName(mesh, name, values...)`. */
export function hashedName(mesh: string, name: string, ...values: string[]): string {
  let h = 0xcbf29ce484222325n
  const utf8 = new TextEncoder()
  for (const s of [mesh, name, ...values]) {
    for (const b of utf8.encode(s)) {
      h ^= BigInt(b)
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn
    }
  }
  const hex = h.toString(16).padStart(16, '0')
  const safe = [...hex].map((c) => ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length]).join('')
  return `${name.length > MAX_NAME ? name.slice(0, MAX_NAME) : name}-${safe}`
}
