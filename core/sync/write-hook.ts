/**
 * @module notifyingStore: a Store that tells `onWrite` of every write that happened, after it
 * committed. The Worker uses it to tell the revision notifier (workers/revision-notifier.ts)
 * without the core or the route handlers knowing about bindings.
 */
import type { ResourceKey, Store, WriteResult } from '../store/store'

/** WriteListener hears of one committed write and the revision it bumped. */
export type WriteListener = (tenant: string, key: ResourceKey, revision: number) => void

/** wakesProxies tells whether a write can change generated config (insights and zones cannot). */
export const wakesProxies = (key: ResourceKey) =>
  (key.mesh !== '' || key.type === 'Mesh') && !key.type.endsWith('Insight')

/** notifyingStore wraps `store`; reads and failed writes pass through untouched. */
export function notifyingStore(store: Store, onWrite: WriteListener): Store {
  const after = (tenant: string, key: ResourceKey, res: WriteResult) => {
    if (res.ok) {
      try {
        onWrite(tenant, key, res.revision)
      } catch {
        // a listener's failure must not turn a committed write into an error
      }
    }
    return res
  }
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'put') {
        return async (tenant: string, input: Parameters<Store['put']>[1]) =>
          after(tenant, input.key, await target.put(tenant, input))
      }
      if (prop === 'delete') {
        return async (tenant: string, input: Parameters<Store['delete']>[1]) =>
          after(tenant, input.key, await target.delete(tenant, input))
      }
      const v = Reflect.get(target, prop, receiver)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}
