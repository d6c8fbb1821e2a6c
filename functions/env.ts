/** @module AppEnv: the one Hono environment type of the edge API. */
import type { Principal } from '../core/auth/tokens'
import type { Store } from '../core/store/store'

/** Settings are the worker's configuration after validation in `workers/`. */
export interface Settings {
  version: string
  /** zone stamped on resources created through the API (Kuma's standalone zone name). */
  zone: string
  /** operatorToken guards `/_operator`; empty disables the operator API. */
  operatorToken: string
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
