/** @module Deprecation warnings shared by targetRef policies (Kuma `TopLevelTargetRefDeprecations`, `pkg/plugins/policies/core/jsonpatch/validators`). */
import { asObj, str } from '../../validators/json'

/** FROM_DEPRECATED is the warning of a policy that still uses `from` where `rules` replace it. */
export const FROM_DEPRECATED = "'from' field is deprecated, use 'rules' instead"

const REPLACED_BY_DATAPLANE = ['MeshService', 'MeshServiceSubset', 'MeshSubset']

/** topLevelTargetRefDeprecations is Kuma's TopLevelTargetRefDeprecations. */
export function topLevelTargetRefDeprecations(targetRef: unknown): string[] {
  const kind = str(asObj(targetRef)?.kind)
  if (REPLACED_BY_DATAPLANE.includes(kind)) {
    return [`${kind} value for 'targetRef.kind' is deprecated, use Dataplane with labels instead`]
  }
  if (kind === 'MeshHTTPRoute') {
    return [
      "MeshHTTPRoute value for 'targetRef.kind' is deprecated, use MeshHTTPRoute in spec.to[].targetRef",
    ]
  }
  return []
}
