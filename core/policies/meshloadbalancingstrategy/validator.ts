/** @module MeshLoadBalancingStrategy's semantic rules (Kuma `meshloadbalancingstrategy/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { decimal, percentage } from '../../validators/common'
import { asArr, asObj, type Obj, str } from '../../validators/json'
import { MUST_BE_DEFINED, MUST_NOT_BE_EMPTY } from '../../validators/messages'
import { validateTargetRef } from '../common/targetref-rules'
import { TOP_LEVEL_KINDS } from '../common/policy-role'

const ONLY_HASH_POLICIES =
  'field is not allowed when targetRef.kind is MeshHTTPRoute, only hashPolicies is supported'

/** policyFields names the field that must accompany each hash policy type. */
const POLICY_FIELD: Record<string, string> = {
  Header: 'header',
  Cookie: 'cookie',
  QueryParameter: 'queryParameter',
  FilterState: 'filterState',
  Connection: 'connection',
  SourceIP: 'connection',
}

function validateHashPolicies(policies: unknown): ValidationError {
  const err = new ValidationError()
  asArr(policies).forEach((item, i) => {
    const policy = asObj(item) ?? {}
    const field = POLICY_FIELD[str(policy.type)]
    if (!field) return
    const path = PathBuilder.root().index(i).field(field)
    const conf = asObj(policy[field])
    if (!conf) err.addViolation(path, MUST_BE_DEFINED)
    else if (field === 'cookie' && typeof conf.path === 'string' && !conf.path.startsWith('/')) {
      err.addViolation(path.field('path'), 'must be an absolute path')
    }
  })
  return err
}

function validateLoadBalancer(lb: Obj | undefined): ValidationError {
  const err = new ValidationError()
  if (!lb) return err
  const at = (f: string) => PathBuilder.rootedAt(f)
  switch (lb.type) {
    case 'RingHash':
    case 'Maglev': {
      const f = lb.type === 'RingHash' ? 'ringHash' : 'maglev'
      const conf = asObj(lb[f])
      if (conf) err.addErrorAt(at(f).field('hashPolicies'), validateHashPolicies(conf.hashPolicies))
      break
    }
    case 'LeastRequest': {
      const bias = asObj(lb.leastRequest)?.activeRequestBias
      if (bias !== undefined) {
        const d = decimal(bias)
        const p = at('leastRequest').field('activeRequestBias')
        if (d === undefined) err.addViolation(p, 'string must be a valid number')
        else if (d < 0) err.addViolation(p, 'must be greater or equal then: 0')
      }
      break
    }
  }
  return err
}

function validateLocalZone(localZone: Obj | undefined): ValidationError {
  const err = new ValidationError()
  if (!localZone) return err
  const tags = asArr(localZone.affinityTags)
  let weighted = 0
  tags.forEach((item, i) => {
    const tag = asObj(item) ?? {}
    const path = PathBuilder.rootedAt('affinityTags').index(i)
    if (str(tag.key) === '') err.addViolation(path.field('key'), MUST_NOT_BE_EMPTY)
    if (tag.weight !== undefined) {
      if (typeof tag.weight === 'number' && tag.weight <= 0) {
        err.addViolation(path.field('weight'), 'must be greater than 0')
      }
      weighted++
    }
  })
  if (weighted > 0 && weighted !== tags.length) {
    err.addViolation('affinityTags', 'all or none affinity tags should have weight')
  }
  return err
}

function validateCrossZone(crossZone: Obj | undefined, toRef: Obj): ValidationError {
  const err = new ValidationError()
  if (!crossZone) return err
  const labels = Object.keys(asObj(toRef.labels) ?? {}).length > 0
  if (toRef.kind === 'MeshService' && (str(toRef.sectionName) !== '' || labels)) {
    err.addViolation('', 'must not be set: MeshService traffic is local')
  }
  asArr(crossZone.failover).forEach((item, i) => {
    const failover = asObj(item) ?? {}
    const path = PathBuilder.rootedAt('failover').index(i)
    const from = asObj(failover.from)
    if (from) {
      const zones = asArr(from.zones)
      if (zones.length === 0) err.addViolation(path.field('from').field('zones'), MUST_NOT_BE_EMPTY)
      zones.forEach((z, j) => {
        if (z === '')
          err.addViolation(path.field('from').field('zones').index(j), MUST_NOT_BE_EMPTY)
      })
    }
    const to = asObj(failover.to) ?? {}
    const type = str(to.type)
    const zones = asArr(to.zones)
    const zonesPath = path.field('to').field('zones')
    if (type === 'Any' || type === 'None') {
      if (zones.length > 0) err.addViolation(zonesPath, `must be empty when type is ${type}`)
    } else if (type === 'AnyExcept' || type === 'Only') {
      if (zones.length === 0) err.addViolation(zonesPath, `must not be empty when type is ${type}`)
    } else {
      err.addViolation(path.field('to').field('type'), 'unrecognized type')
    }
  })
  const threshold = asObj(crossZone.failoverThreshold)
  if (threshold) {
    err.add(
      percentage(
        PathBuilder.rootedAt('failoverThreshold').field('percentage'),
        threshold.percentage ?? 0,
        {
          required: true,
          allow0: false,
        },
      ),
    )
  }
  return err
}

function validateConf(conf: Obj, toRef: Obj): ValidationError {
  const err = new ValidationError()
  const lb = asObj(conf.loadBalancer)
  const locality = asObj(conf.localityAwareness)
  if (toRef.kind === 'MeshHTTPRoute') {
    err.addErrorAt('hashPolicies', validateHashPolicies(conf.hashPolicies))
    if (lb) err.addViolation('loadBalancer', ONLY_HASH_POLICIES)
    if (locality) err.addViolation('localityAwareness', ONLY_HASH_POLICIES)
    return err
  }
  err.addErrorAt('loadBalancer', validateLoadBalancer(lb))
  if (locality) {
    const at = PathBuilder.rootedAt('localityAwareness')
    err.addErrorAt(at.field('localZone'), validateLocalZone(asObj(locality.localZone)))
    err.addErrorAt(at.field('crossZone'), validateCrossZone(asObj(locality.crossZone), toRef))
  }
  err.addErrorAt('hashPolicies', validateHashPolicies(conf.hashPolicies))
  if (conf.hashPolicies !== undefined && lb) {
    for (const f of ['ringHash', 'maglev']) {
      if (asObj(lb[f])?.hashPolicies !== undefined) {
        err.addViolation(
          `loadBalancer.${f}.hashPolicies`,
          'hashPolicies already specified in the root level',
        )
      }
    }
  }
  return err
}

/** validate checks a MeshLoadBalancingStrategy spec with Kuma's rules; paths start at `spec`. */
export function validate(spec: Record<string, unknown>, _ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef !== undefined) {
    err.addErrorAt(
      path.field('targetRef'),
      validateTargetRef(spec.targetRef, {
        supportedKinds: TOP_LEVEL_KINDS.system,
        gatewayListenerTagsAllowed: true,
      }),
    )
  }
  const topKind = str(asObj(spec.targetRef)?.kind) || 'Mesh'
  asArr(spec.to).forEach((item, i) => {
    const to = asObj(item) ?? {}
    const conf = asObj(to.default) ?? {}
    const toRef = asObj(to.targetRef) ?? {}
    const p = path.field('to').index(i)
    let supportedKinds = ['Mesh', 'MeshService', 'MeshMultiZoneService', 'MeshHTTPRoute']
    let supportedKindsError: string | undefined
    if (topKind === 'MeshGateway') {
      if (asObj(conf.loadBalancer)) {
        supportedKinds = ['Mesh']
        supportedKindsError = `value '${topKind}' is not supported, only Mesh is allowed if loadBalancer is set`
      } else {
        supportedKinds = ['Mesh', 'MeshService', 'MeshMultiZoneService']
      }
    }
    err.addErrorAt(
      p.field('targetRef'),
      validateTargetRef(toRef, { supportedKinds, supportedKindsError }),
    )
    if (toRef.kind === 'MeshExternalService' && topKind !== 'Mesh') {
      err.addViolation(
        p.field('targetRef.kind'),
        'kind MeshExternalService is only allowed with targetRef.kind: Mesh as it is configured on the Zone Egress and shared by all clients in the mesh',
      )
    }
    err.addErrorAt(p.field('default'), validateConf(conf, toRef))
  })
  return err
}
