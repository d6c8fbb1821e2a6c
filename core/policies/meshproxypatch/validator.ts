/** @module MeshProxyPatch's semantic rules (Kuma `meshproxypatch/api/v1alpha1/validator.go`). */
import { parse as parseYAML } from 'yaml'
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import {
  MUST_BE_DEFINED,
  MUST_NOT_BE_DEFINED,
  MUST_NOT_BE_EMPTY,
  mustHaveExactlyOneOf,
  mustHaveOnlyOne,
  oneOfErr,
} from '../../validators/messages'
import { TOP_LEVEL_KINDS, topLevelTargetRefOpts } from '../common/policy-role'
import { validateTargetRef } from '../common/targetref-rules'
import type { Conf, JsonPatchBlock, MeshProxyPatch, ModOperation } from './types'

export const NAME_FILTER_BEFORE_ERR =
  'must be defined. You need to pick a filter before which this one will be added'
export const NAME_FILTER_AFTER_ERR =
  'must be defined. You need to pick a filter after which this one will be added'

/** validateMeshProxyPatch returns every violation of Kuma's MeshProxyPatch rules, rooted at `spec`. */
export function validateMeshProxyPatch(
  raw: Record<string, unknown>,
  ctx?: ValidateContext,
): ValidationError {
  const spec = raw as unknown as MeshProxyPatch
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef) {
    const opts = topLevelTargetRefOpts(ctx?.labels, TOP_LEVEL_KINDS, { gatewayListenerTags: false })
    err.addErrorAt(path.field('targetRef'), validateTargetRef(spec.targetRef, opts))
  }
  err.addErrorAt(path.field('default'), validateDefault(spec.default ?? {}))
  return err
}

const resourceMods = ['cluster', 'listener', 'virtualHost'] as const
const filterMods = ['networkFilter', 'httpFilter'] as const
const modKinds = ['cluster', 'listener', 'virtualHost', 'networkFilter', 'httpFilter'] as const

interface AnyMod {
  match?: { name?: string }
  operation?: ModOperation
  value?: string
  jsonPatches?: JsonPatchBlock[]
}

function validateDefault(conf: Conf): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('appendModifications')
  const mods = conf.appendModifications ?? []
  if (mods.length === 0) err.addViolation(path, MUST_NOT_BE_EMPTY)
  mods.forEach((modification, i) => {
    const present = modKinds.filter(
      (k) => modification[k] !== undefined && modification[k] !== null,
    )
    if (present.length !== 1) {
      err.addViolation(
        path.index(i),
        `exactly one modification can be defined at a time. Currently, ${present.length} modifications are defined`,
      )
      return
    }
    const kind = present[0]
    const mod = modification[kind] as AnyMod
    const isFilter = (filterMods as readonly string[]).includes(kind)
    err.addErrorAt(
      path.index(i),
      isFilter ? validateFilterMod(kind, mod) : validateResourceMod(kind, mod),
    )
  })
  return err
}

function validateResourceMod(
  kind: (typeof resourceMods)[number] | string,
  mod: AnyMod,
): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt(kind)
  switch (mod.operation) {
    case 'Add':
      if (kind === 'virtualHost') {
        if (mod.match?.name !== undefined)
          err.addViolation(path.field('match').field('name'), MUST_NOT_BE_DEFINED)
      } else if (mod.match !== undefined && mod.match !== null) {
        err.addViolation(path.field('match'), MUST_NOT_BE_DEFINED)
      }
      err.add(validateResourceValue(path.field('value'), mod.value))
      break
    case 'Patch':
      err.add(validatePatch(path, mod.value, mod.jsonPatches ?? []))
      break
    case 'Remove':
      if (mod.value !== undefined) err.addViolation(path.field('value'), MUST_NOT_BE_DEFINED)
      break
    default:
      err.addViolation(path.field('operation'), availableOperations('Add', 'Patch', 'Remove'))
  }
  return err
}

function validateFilterMod(kind: string, mod: AnyMod): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt(kind)
  const noName = mod.match?.name === undefined
  switch (mod.operation) {
    case 'AddFirst':
    case 'AddLast':
      err.add(validateResourceValue(path.field('value'), mod.value))
      break
    case 'AddBefore':
    case 'AddAfter':
      if (noName) {
        err.addViolation(
          path.field('match').field('name'),
          mod.operation === 'AddBefore' ? NAME_FILTER_BEFORE_ERR : NAME_FILTER_AFTER_ERR,
        )
      }
      err.add(validateResourceValue(path.field('value'), mod.value))
      break
    case 'Patch':
      if (noName) err.addViolation(path.field('match').field('name'), MUST_BE_DEFINED)
      err.add(validatePatch(path, mod.value, mod.jsonPatches ?? []))
      break
    case 'Remove':
      if (mod.value !== undefined) err.addViolation(path.field('value'), MUST_NOT_BE_DEFINED)
      break
    default:
      err.addViolation(
        path.field('operation'),
        availableOperations('AddFirst', 'AddLast', 'AddBefore', 'AddAfter', 'Patch', 'Remove'),
      )
  }
  return err
}

/**
 * envoyValueError approximates Kuma's check that `value` unmarshals into the Envoy message. Kumo
 * has no Envoy protobuf descriptors, so it only checks that the text is a YAML or JSON object.
 */
function envoyValueError(value: string): string | undefined {
  let parsed: unknown
  try {
    parsed = parseYAML(value)
  } catch {
    try {
      parsed = JSON.parse(value)
    } catch (e) {
      // Go's decoder says "unexpected EOF" when the text stops mid-value.
      const msg = String(e)
      const at = /at position (\d+)/.exec(msg)
      const truncated =
        /end of (JSON )?input/i.test(msg) || (at && Number(at[1]) >= value.trimEnd().length)
      return truncated ? 'unexpected EOF' : 'invalid YAML or JSON'
    }
  }
  if (parsed === null || parsed === undefined) return undefined
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'proto: syntax error (line 1:1): unexpected token'
  }
  return undefined
}

function validateResourceValue(path: PathBuilder, value: string | undefined): ValidationError {
  const err = new ValidationError()
  if (value === undefined || value === null) return err.addViolation(path, MUST_BE_DEFINED)
  const e = envoyValueError(value)
  if (e) err.addViolation(path, `native Envoy resource is not valid: ${e}`)
  return err
}

function validatePatch(
  path: PathBuilder,
  value: string | undefined,
  jsonPatches: JsonPatchBlock[],
): ValidationError {
  const err = new ValidationError()
  if (value !== undefined && value !== null) {
    if (jsonPatches.length > 0) {
      err.addViolation(path, mustHaveOnlyOne(path.toString(), 'value', 'jsonPatches'))
    } else {
      const e = envoyValueError(value)
      if (e) err.addViolation(path.field('value'), `native Envoy resource is not valid: ${e}`)
    }
    return err
  }
  if (jsonPatches.length > 0) return validateJsonPatchBlock(path.field('jsonPatches'), jsonPatches)
  return err.addViolation(path, mustHaveExactlyOneOf(path.toString(), 'value', 'jsonPatches'))
}

/** validateJsonPatchBlock is Kuma's jsonpatch validators.ValidateJsonPatchBlock. */
export function validateJsonPatchBlock(
  root: PathBuilder,
  patches: JsonPatchBlock[],
): ValidationError {
  const err = new ValidationError()
  if (patches.length === 0) err.addViolation(root, MUST_NOT_BE_EMPTY)
  patches.forEach((patch, i) => {
    const p = root.index(i)
    const op = patch.op ?? ''
    if (!['add', 'remove', 'replace', 'move', 'copy'].includes(op)) {
      err.addErrorAt(
        p.field('op'),
        new ValidationError().addViolation(
          '',
          '"op" must be one of ["add", "remove", "replace", "move", "copy"]',
        ),
      )
    }
    if (op === 'move' || op === 'copy') {
      if (patch.from === undefined) {
        err.addErrorAt(p.field('from'), oneOfErr('from', 'op', MUST_NOT_BE_EMPTY, ['move', 'copy']))
      }
    } else if (patch.from !== undefined) {
      err.addErrorAt(p.field('from'), oneOfErr('from', 'op', 'is allowed only', ['move', 'copy']))
    }
    if (op === 'add' || op === 'replace') {
      if (patch.value === undefined) {
        err.addErrorAt(
          p.field('value'),
          oneOfErr('value', 'op', MUST_NOT_BE_EMPTY, ['add', 'replace']),
        )
      }
    } else if (patch.value !== undefined) {
      err.addErrorAt(
        p.field('value'),
        oneOfErr('value', 'op', 'is allowed only', ['add', 'replace']),
      )
    }
    if (patch.path === undefined || patch.path === null) {
      err.addViolation(p.field('path'), MUST_BE_DEFINED)
    } else if ((patch.path === '' || patch.path === '/') && op === 'remove') {
      err.addViolation(p.field('path'), 'root path cannot be removed')
    }
  })
  return err
}

function availableOperations(...ops: string[]): string {
  return `invalid operation. Available operations: ${ops.map((o) => JSON.stringify(o)).join(', ')}`
}
