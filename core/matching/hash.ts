/** @module hashMatches: a stable key for a MeshHTTPRoute rule's matches (Kuma `HashMatches`). */
import { canonical } from './merge'

/**
 * hashMatches identifies equal match lists. Kuma uses sha256+base64 of the Go JSON; Kumo uses
 * 64-bit FNV-1a of the canonical JSON: only equality matters inside the engine.
 */
export function hashMatches(matches: unknown): string {
  const s = JSON.stringify(canonical(matches ?? []))
  let h = 0xcbf29ce484222325n
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i))
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h.toString(16).padStart(16, '0')
}
