/** @module Dataplane helpers Kuma keeps on its proto (`api/mesh/v1alpha1/dataplane_helpers.go`). */
import type { Inbound, Listener } from '../resources/kinds/dataplane/types'

export const PROTOCOL_TAG = 'kuma.io/protocol'
const MATCH_ALL = '*'

/** inboundSectionName is an inbound's name, or its port number when it has none. */
export const inboundSectionName = (inbound: Inbound): string =>
  inbound.name ? inbound.name : String(inbound.port ?? 0)

/** listenerSectionName is a listener's name, or its port number when it has none. */
export const listenerSectionName = (listener: Listener): string =>
  listener.name ? listener.name : String(listener.port ?? 0)

/** inboundProtocolFallback is the inbound's `protocol`, else its `kuma.io/protocol` tag, else ''. */
export const inboundProtocolFallback = (inbound: Inbound): string =>
  inbound.protocol ? inbound.protocol : (inbound.tags?.[PROTOCOL_TAG] ?? '')

/**
 * tagSelectorMatches is Kuma's `TagSelector.Matches`: every selector tag is present with the
 * same value, or any value for `*`. An empty selector matches everything.
 */
export function tagSelectorMatches(
  selector: Record<string, string>,
  tags: Record<string, string> | undefined,
): boolean {
  for (const [k, v] of Object.entries(selector)) {
    const got = tags?.[k]
    if (got === undefined) return false
    if (v !== got && v !== MATCH_ALL) return false
  }
  return true
}

/**
 * labelSelectorMatches is Kuma's `LabelSelector.Matches`: every `matchLabels` entry present
 * with exactly that value (no wildcard).
 */
export function labelSelectorMatches(
  matchLabels: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(matchLabels ?? {}).every(
    ([k, v]) => Object.hasOwn(labels, k) && labels[k] === v,
  )
}
