/** @module AppEnv: the one Hono environment type of the edge API. */
import type { Principal } from '../core/auth/tokens'
import type { CpMode } from '../core/resources/labels'
import type { Store } from '../core/store/store'
import type { RevisionWaker } from '../core/sync/wait'

/** Settings are the worker's configuration after validation in `workers/`. */
export interface Settings {
  version: string
  /** zone stamped on resources created through the API (Kuma's standalone zone name). */
  zone: string
  /**
   * mode is the Kuma control plane Kumo's edge acts as: `zone` (a standalone zone named `zone`)
   * or `global` (Kuma's global control plane: labels and inspect answers as global computes them).
   */
  mode: CpMode
  /** operatorToken guards `/_operator`; empty disables the operator API. */
  operatorToken: string
  /** zoneHoldSeconds is how long a zone config long-poll is held (<= 25, default 25). */
  zoneHoldSeconds?: number
  /** revisionWaker is the tenant's revision notifier; absent, long-polls check every second. */
  revisionWaker?: (tenant: string) => RevisionWaker
}

export type AppEnv = {
  Bindings: Env
  Variables: {
    store: Store
    settings: Settings
    principal: Principal
    requestId: string
  }
}
