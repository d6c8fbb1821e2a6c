/** @module How inspect answers name resources and policies: metas without KRI, origins as KRIs. */
import { kriOfMeta } from '../matching/resources'
import type { Origin } from '../matching'
import type { ResourceRecord } from '../store/store'
import { canonicalConf } from './durations'
import type { Meta, PolicyOrigin, ResourceRuleOrigin } from './types'

type MetaLike = Pick<ResourceRecord, 'mesh' | 'name' | 'labels'>

/** metaOf is Kuma's `ResourceMetaToMeta`: the meta under the given type, labels never null. */
export const metaOf = (type: string, r: MetaLike): Meta => ({
  type,
  mesh: r.mesh,
  name: r.name,
  labels: { ...(r.labels ?? {}) },
})

/** originsOf is `OriginListToResourceRuleOrigin` (null for none, as Go's nil slice). */
export const originsOf = (type: string, origins: Origin[]): ResourceRuleOrigin[] | null =>
  origins.length === 0
    ? null
    : origins.map((o) => ({ resourceMeta: metaOf(type, o.resource), ruleIndex: o.ruleIndex }))

/** kriOrigin is Kuma's `originToKRI`: the policy's KRI under its type. */
export const kriOrigin = (type: string, r: MetaLike): PolicyOrigin => ({
  kri: kriOfMeta(type, r),
})

/** renderConf is a conf as Kuma prints it after a trip through its Go type (durations). */
export const renderConf = <T>(type: string, conf: T): T => canonicalConf(type, conf)
