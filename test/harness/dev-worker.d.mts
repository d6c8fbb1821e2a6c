/** @module Types of dev-worker.mjs, the real Kumo Worker under `wrangler dev` for end-to-end tests. */

export interface DevWorker {
  /** url is the API base, `http://127.0.0.1:<port>`. */
  url: string
  /** adminToken is the first admin token of `tenant`. */
  adminToken: string
  /** operatorToken is the random operator secret the Worker was started with. */
  operatorToken: string
  tenant: string
  /** stop ends the wrangler process group and removes the temp state; safe to call twice. */
  stop(): Promise<void>
  /** log returns the last lines wrangler printed. */
  log(): string
}

export function freePort(): Promise<number>

export function startDevWorker(opts?: {
  tenant?: string
  timeoutMs?: number
  project?: string
}): Promise<DevWorker>
