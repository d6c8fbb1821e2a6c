/** @module Page offsets: Kuma's decimal position in the sorted list, opaque to clients. */
import { KumaError } from '../api/errors'

/**
 * decodeOffset reads an offset; a bad one is Kuma's 400. kuma-cp's message names Go's strconv,
 * and its harness compares it, so the same text is kept.
 */
export function decodeOffset(offset: string | undefined): number {
  if (offset === undefined || offset === '') return 0
  if (!/^[+-]?\d+$/.test(offset)) {
    const detail = `invalid: invalid offset: strconv.Atoi: parsing ${JSON.stringify(offset)}: invalid syntax`
    throw new KumaError(400, 'Could not retrieve resources', detail)
  }
  const n = Number(offset)
  return n < 0 ? 0 : n
}

export function encodeOffset(position: number): string {
  return String(position)
}
