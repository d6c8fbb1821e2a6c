/** @module Glue between a proto message and a ResourceKind: shape check, canonical form, validate. */
import type { ResourceKind, ValidateContext } from '../../kind'
import { ValidationError } from '../../../validators/validation-error'
import { decodeMessage, type DecodeResult, type MessageDesc } from './protojson'

/** InlineCodec reads the inline fields of one proto-defined kind. */
export interface InlineCodec<T> {
  /** decode returns the canonical spec (what Kuma stores and returns), or jsonpb's error text. */
  decode(spec: unknown): DecodeResult
  /** checkInlineShape returns the text Kuma puts in `invalid <Kind> object: "<text>"`, if any. */
  checkInlineShape(spec: unknown): string | undefined
  /** validate decodes the spec and runs `rules` on the canonical form. */
  validate(spec: Record<string, unknown>, ctx: ValidateContext): ValidationError
}

export function inlineCodec<T>(
  md: MessageDesc,
  rules: (spec: T, ctx: ValidateContext) => ValidationError = () => new ValidationError(),
): InlineCodec<T> {
  const decode = (spec: unknown) => decodeMessage(spec, md)
  return {
    decode,
    checkInlineShape: (spec) => decode(spec).error,
    validate(spec, ctx) {
      const decoded = decode(spec)
      // the API answers shape errors before validation; report them here too rather than guess
      if (decoded.error !== undefined) return new ValidationError().addViolation('', decoded.error)
      return rules(decoded.value as T, ctx)
    },
  }
}

/**
 * inlineHooks are the ResourceKind hooks every proto-defined kind shares: jsonpb's shape check,
 * its canonical form (what is stored and returned), and validation of that form.
 */
export function inlineHooks<T>(
  codec: InlineCodec<T>,
): Pick<ResourceKind, 'checkShape' | 'canonical' | 'validate'> {
  return {
    checkShape: codec.checkInlineShape,
    canonical: (spec) => {
      const decoded = codec.decode(spec)
      return decoded.error === undefined ? decoded.value : spec
    },
    validate: codec.validate,
  }
}
