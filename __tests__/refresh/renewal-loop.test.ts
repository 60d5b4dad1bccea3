import { describe, expect, it } from '@jest/globals'
import { fakeClock, settle } from '../../__fixtures__/fake-clock.js'
import { startRenewalLoop } from '../../src/refresh/renewal-loop.js'
import type { Session } from '../../src/refresh/session-machine.js'

const MIN = 60_000

/** A renewal the test finishes by hand: succeed with a session, or fail. */
function controlledRenewals() {
  const calls: { resolve: (s: Session<string>) => void; reject: (e: unknown) => void }[] = []
  return {
    calls,
    renew: () => new Promise<Session<string>>((resolve, reject) => void calls.push({ resolve, reject }))
  }
}

describe('renewal-loop', () => {
  it('renews at the due time, serves from memory meanwhile, then serves the renewed session', async () => {
    const clock = fakeClock()
    const { calls, renew } = controlledRenewals()
    const first = { credentials: 'first', obtainedAt: 0, expiresAt: 60 * MIN }
    const loop = startRenewalLoop({ first, renew, isPermanent: () => false, clock })
    await clock.advance(45 * MIN - 1)
    expect(calls).toHaveLength(0)
    await clock.advance(1)
    expect(calls).toHaveLength(1)
    // Renewal running: a request is answered at once with the session in hand.
    await expect(loop.current()).resolves.toBe(first)
    const second = { credentials: 'second', obtainedAt: 45 * MIN, expiresAt: 105 * MIN }
    calls[0]!.resolve(second)
    await settle()
    await expect(loop.current()).resolves.toBe(second)
    expect(loop.state().renewals).toEqual([45 * MIN])
    await clock.advance(45 * MIN - 1)
    expect(calls).toHaveLength(1)
    await clock.advance(1)
    expect(calls).toHaveLength(2)
    loop.stop()
  })

  it('after failures keeps serving, retries with backoff, and a request past expiry waits for the renewal', async () => {
    const clock = fakeClock()
    const { calls, renew } = controlledRenewals()
    const first = { credentials: 'first', obtainedAt: 0, expiresAt: 10_000 }
    const changes: number[] = []
    const loop = startRenewalLoop({
      first,
      renew,
      isPermanent: () => false,
      clock,
      onChange: state => changes.push(state.failures)
    })
    await clock.advance(5_000)
    calls[0]!.reject(new Error('Rate exceeded\n  (Throttling)'))
    await settle()
    expect(loop.state().lastError).toEqual({ at: 5_000, message: 'Rate exceeded (Throttling)' })
    await expect(loop.current()).resolves.toBe(first)
    await clock.advance(999)
    expect(calls).toHaveLength(1)
    await clock.advance(1)
    expect(calls).toHaveLength(2)
    calls[1]!.reject(new Error('Throttling'))
    await settle()
    // Next retry 2 s later, at 8 s; the session expires at 10 s.
    await clock.advance(2_000)
    calls[2]!.reject(new Error('Throttling'))
    await settle()
    // Expired at 10 s; the fourth attempt starts at 12 s (backoff 4 s). A request now waits for it.
    await clock.advance(4_000)
    expect(calls).toHaveLength(4)
    const waiting = loop.current()
    let served: Session<string> | undefined
    void waiting.then(s => (served = s))
    await settle()
    expect(served).toBeUndefined()
    const renewed = { credentials: 'renewed', obtainedAt: 12_000, expiresAt: 72_000 }
    calls[3]!.resolve(renewed)
    await settle()
    await expect(waiting).resolves.toBe(renewed)
    expect(changes).toContain(3)
    loop.stop()
  })

  it('a request past expiry gets nothing once the wait limit passes without a renewal', async () => {
    const clock = fakeClock()
    const { calls, renew } = controlledRenewals()
    const loop = startRenewalLoop({
      first: { credentials: 'first', obtainedAt: 0, expiresAt: 4_000 },
      renew,
      isPermanent: () => false,
      clock,
      waitLimitMs: 800
    })
    await clock.advance(4_000)
    expect(calls).toHaveLength(1)
    const reply = loop.current()
    await clock.advance(800)
    await expect(reply).resolves.toBeUndefined()
    loop.stop()
  })

  it('stops for good on a permanent refusal, and answers nothing once the session has expired', async () => {
    const clock = fakeClock()
    const { calls, renew } = controlledRenewals()
    const stops: string[] = []
    const loop = startRenewalLoop({
      first: { credentials: 'first', obtainedAt: 0, expiresAt: 4_000 },
      renew,
      isPermanent: error => (error as Error).message === 'gone',
      clock,
      onStop: reason => stops.push(reason)
    })
    await clock.advance(2_000)
    calls[0]!.reject(new Error('gone'))
    await settle()
    expect(stops).toEqual(['gone'])
    await expect(loop.current()).resolves.toBe(loop.state().session)
    await clock.advance(10_000)
    expect(calls).toHaveLength(1)
    expect(clock.pending).toBe(0)
    await expect(loop.current()).resolves.toBeUndefined()
  })
})
