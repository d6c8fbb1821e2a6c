/** @module ValidationError collects every violation of a resource, with Kuma's field paths. */

/** Violation is one broken rule at one field path (`spec.to[0].targetRef.kind`). */
export interface Violation {
  field: string
  message: string
}

/**
 * PathBuilder renders field paths the way Kuma's validators do:
 * `spec`, `.field`, `[0]`, `["key"]`. The empty path is the root.
 */
export class PathBuilder {
  private constructor(private readonly parts: readonly string[]) {}

  static root(): PathBuilder {
    return new PathBuilder([])
  }

  static rootedAt(field: string): PathBuilder {
    return new PathBuilder([field])
  }

  field(name: string): PathBuilder {
    return new PathBuilder([...this.parts, this.parts.length === 0 ? name : `.${name}`])
  }

  index(i: number): PathBuilder {
    return new PathBuilder([...this.parts, `[${i}]`])
  }

  key(k: string): PathBuilder {
    return new PathBuilder([...this.parts, `[${JSON.stringify(k)}]`])
  }

  concat(other: PathBuilder): PathBuilder {
    if (other.parts.length === 0) return this
    if (this.parts.length === 0) return other
    const [first, ...rest] = other.parts
    const joined = first.startsWith('[') ? first : `.${first}`
    return new PathBuilder([...this.parts, joined, ...rest])
  }

  toString(): string {
    return this.parts.join('')
  }
}

/**
 * ValidationError accumulates violations; validators never stop at the first one.
 * `hasViolations()` false means the input is valid.
 */
export class ValidationError {
  readonly violations: Violation[] = []

  addViolation(field: string | PathBuilder, message: string): this {
    this.violations.push({ field: field.toString(), message })
    return this
  }

  /** addErrorAt re-roots every violation of `other` under `path`. */
  addErrorAt(path: string | PathBuilder, other: ValidationError): this {
    const root =
      typeof path === 'string' ? (path ? PathBuilder.rootedAt(path) : PathBuilder.root()) : path
    for (const v of other.violations) {
      const sub = v.field ? PathBuilder.rootedAt(v.field) : PathBuilder.root()
      this.violations.push({ field: root.concat(sub).toString(), message: v.message })
    }
    return this
  }

  add(other: ValidationError): this {
    this.violations.push(...other.violations)
    return this
  }

  hasViolations(): boolean {
    return this.violations.length > 0
  }

  toString(): string {
    return this.violations.map((v) => `${v.field}: ${v.message}`).join('; ')
  }
}

/** validationError builds a ValidationError holding a single violation. */
export function validationError(field: string | PathBuilder, message: string): ValidationError {
  return new ValidationError().addViolation(field, message)
}
