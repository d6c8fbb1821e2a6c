/**
 * @module RevisionNotifier: one Durable Object per tenant that counts the tenant's config writes
 * and wakes the zone long-polls waiting for the next one. It only says when to look; the
 * database stays the source of truth, and when this object cannot be reached long-polls fall
 * back to checking the database every second.
 */
import { DurableObject } from 'cloudflare:workers'
import type { RevisionWaker } from '../core/sync/wait'

/** MAX_WAIT_MS caps one wait; callers hold at most 25 s anyway. */
const MAX_WAIT_MS = 30_000

interface Waiter {
  since: number
  wake: (woken: boolean) => void
}

/**
 * RevisionNotifier keeps `seq`, the number of writes it was told of, in its storage so it never
 * goes back after the object restarts: a waiter holding an older seq is then woken at once.
 */
export class RevisionNotifier extends DurableObject<Env> {
  private seq = 0
  private readonly waiters = new Set<Waiter>()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.blockConcurrencyWhile(async () => {
      this.seq = (await ctx.storage.get<number>('seq')) ?? 0
    })
  }

  /** bump records one committed write and wakes every waiter; returns the new seq. */
  async bump(): Promise<number> {
    this.seq++
    await this.ctx.storage.put('seq', this.seq)
    for (const w of [...this.waiters]) if (this.seq > w.since) w.wake(true)
    return this.seq
  }

  /** current is the number of writes told so far. */
  async current(): Promise<number> {
    return this.seq
  }

  /** waitAfter resolves true once seq > since (at once if it already is), false at timeout. */
  async waitAfter(since: number, timeoutMs: number): Promise<boolean> {
    if (this.seq > since) return true
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        since,
        wake: (woken) => {
          clearTimeout(timer)
          this.waiters.delete(waiter)
          resolve(woken)
        },
      }
      const timer = setTimeout(
        () => waiter.wake(false),
        Math.min(Math.max(0, timeoutMs), MAX_WAIT_MS),
      )
      this.waiters.add(waiter)
    })
  }
}

/** revisionNotifierOf binds a tenant's notifier as the core's RevisionWaker plus `bump`. */
export function revisionNotifierOf(
  ns: DurableObjectNamespace<RevisionNotifier>,
  tenant: string,
): RevisionWaker & { bump(): Promise<number> } {
  const stub = () => ns.get(ns.idFromName(tenant))
  return {
    seq: () => stub().current(),
    waitAfter: (since, timeoutMs) => stub().waitAfter(since, timeoutMs),
    bump: () => stub().bump(),
  }
}
