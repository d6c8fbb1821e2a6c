/**
 * @module hold: the edge side of a long-poll. It checks for an answer, then sleeps until the
 * revision notifier says something was written (or, when the notifier cannot be reached, for at
 * most `pollMs`), and checks again until the hold expires. The check always reads the database:
 * the notifier only says when to look.
 */

/** RevisionWaker is the per-tenant revision notifier as the core sees it (workers/ binds it). */
export interface RevisionWaker {
  /** seq is the number of writes the notifier has been told of. */
  seq(): Promise<number>
  /** waitAfter resolves true as soon as seq > since, or false when timeoutMs pass first. */
  waitAfter(since: number, timeoutMs: number): Promise<boolean>
}

/** FALLBACK_POLL_MS is how often the database is checked when the notifier is unreachable. */
export const FALLBACK_POLL_MS = 1000

export interface HoldOptions<T> {
  /** check returns the answer, or undefined while there is nothing to say. */
  check(): Promise<T | undefined>
  waker?: RevisionWaker
  /** deadline in ms since the epoch; at it, hold resolves undefined. */
  deadline: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  pollMs?: number
  /** onFallback is told once when the notifier fails and polling takes over. */
  onFallback?: (error: unknown) => void
  /** aborted stops the hold early (the client went away). */
  aborted?: () => boolean
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * hold answers as soon as `check` has something, never later than one notification (or one
 * poll interval) after the write that caused it. The notifier's seq is read before each check,
 * so a write landing between the check and the wait wakes the wait at once: no lost wake-ups.
 */
export async function hold<T>(opts: HoldOptions<T>): Promise<T | undefined> {
  const now = opts.now ?? Date.now
  const sleep = opts.sleep ?? defaultSleep
  const pollMs = Math.min(opts.pollMs ?? FALLBACK_POLL_MS, FALLBACK_POLL_MS)
  let waker = opts.waker
  const fallBack = (e: unknown) => {
    waker = undefined
    opts.onFallback?.(e)
  }
  for (;;) {
    let seq: number | undefined
    if (waker) seq = await waker.seq().catch((e) => void fallBack(e))
    const answer = await opts.check()
    if (answer !== undefined) return answer
    const left = opts.deadline - now()
    if (left <= 0 || opts.aborted?.()) return undefined
    if (waker && seq !== undefined) {
      try {
        // nothing was written until the deadline: no need to look again (the next request's
        // first check is the safety net for a write the notifier was not told of)
        if (!(await waker.waitAfter(seq, left))) return undefined
        continue
      } catch (e) {
        fallBack(e)
      }
    }
    await sleep(Math.min(pollMs, Math.max(0, opts.deadline - now())))
  }
}
