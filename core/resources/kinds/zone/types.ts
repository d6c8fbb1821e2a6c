/** @module Zone spec in its canonical proto JSON form (kuma.system.v1alpha1.Zone). */

/** ZoneSpec is the inline part of a Zone. */
export interface ZoneSpec {
  /** enabled; absent means enabled (Kuma treats only an explicit false as disabled). */
  enabled?: boolean
}
