/** @module Which Dataplanes a MeshService selects (Kuma `meshservice.MatchesDataplane`). */
import type { DataplaneSpec } from '../resources/kinds/dataplane/types'
import type { MeshService } from '../resources/kinds/meshservice/types'
import type { ResourceRecord } from '../store/store'
import { labelSelectorMatches, tagSelectorMatches } from './dataplane'

/**
 * meshServiceSelectsDataplane answers by the first selector set, in Kuma's order: dataplaneRef
 * (same name), dataplaneTags (any inbound, or the gateway, carries the tags), dataplaneLabels
 * (the Dataplane's labels). A MeshService without a selector selects nothing.
 */
export function meshServiceSelectsDataplane(
  meshService: MeshService,
  dataplane: ResourceRecord,
): boolean {
  const selector = meshService.selector ?? {}
  if (selector.dataplaneRef) return selector.dataplaneRef.name === dataplane.name
  if (selector.dataplaneTags) {
    const tags = selector.dataplaneTags
    const networking = (dataplane.spec as DataplaneSpec).networking ?? {}
    if ((networking.inbound ?? []).some((i) => tagSelectorMatches(tags, i.tags))) return true
    return tagSelectorMatches(tags, networking.gateway?.tags)
  }
  if (selector.dataplaneLabels) {
    return labelSelectorMatches(selector.dataplaneLabels.matchLabels, dataplane.labels)
  }
  return false
}
