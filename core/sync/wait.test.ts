/** @module Tests of the long-poll hold: woken by the notifier, falling back to polling. */
import { describe, expect, it } from 'vitest'
import { hold, type RevisionWaker } from './wait'

function fakeClock() {
  let t = 0
  return { now: () => t, sleep: async (ms: number) => void (t += ms) }
}

describe('hold', () => {
  it('answers at once when the check has something', async () => {
    const c = fakeClock()
    expect(await hold({ ...c, deadline: 25_000, check: async () => 'x' })).toBe('x')
  })

  it('waits on the notifier between checks and answers after the wake-up', async () => {
    const c = fakeClock()
    let seq = 0
    let checks = 0
    const waker: RevisionWaker = {
      seq: async () => seq,
      waitAfter: async (since) => {
        expect(since).toBe(seq)
        seq++
        return true
      },
    }
    const res = await hold({
      ...c,
      waker,
      deadline: 25_000,
      check: async () => (++checks === 3 ? 'changed' : undefined),
    })
    expect(res).toBe('changed')
    expect(c.now()).toBe(0)
  })

  it('polls at most every second when the notifier cannot be reached', async () => {
    const c = fakeClock()
    const fails: unknown[] = []
    const waker: RevisionWaker = {
      seq: async () => {
        throw new Error('unreachable')
      },
      waitAfter: async () => true,
    }
    const at: number[] = []
    const res = await hold({
      ...c,
      waker,
      deadline: 25_000,
      onFallback: (e) => fails.push(e),
      check: async () => (at.push(c.now()), c.now() >= 3000 ? 'late' : undefined),
    })
    expect(res).toBe('late')
    expect(at).toEqual([0, 1000, 2000, 3000])
    expect(fails).toHaveLength(1)
  })

  it('gives up at the deadline', async () => {
    const c = fakeClock()
    expect(await hold({ ...c, deadline: 2500, check: async () => undefined })).toBeUndefined()
    expect(c.now()).toBe(2500)
  })
})
