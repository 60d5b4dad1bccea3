import { describe, expect, it } from '@jest/globals'
import {
  answer,
  backoff,
  DEFAULT_POLICY,
  initialState,
  nextStep,
  renewalDue,
  renewalFailed,
  renewalStarted,
  renewalSucceeded,
  type Session
} from '../../src/refresh/session-machine.js'

const MIN = 60_000
const session = (obtainedAt: number, lifetimeMs: number, credentials = 'first'): Session<string> => ({
  credentials,
  obtainedAt,
  expiresAt: obtainedAt + lifetimeMs
})

describe('session-machine', () => {
  it('renews 15 minutes before the end of a long session, halfway through a short one', () => {
    expect(renewalDue(session(0, 60 * MIN))).toBe(45 * MIN)
    expect(renewalDue(session(0, 12 * 60 * MIN))).toBe(12 * 60 * MIN - 15 * MIN)
    expect(renewalDue(session(0, 20 * MIN))).toBe(10 * MIN)
    expect(renewalDue(session(0, 30 * MIN))).toBe(15 * MIN)
    expect(renewalDue(session(1000, 4000))).toBe(3000)
  })

  it('waits until the renewal is due, then renews', () => {
    const state = initialState(session(0, 60 * MIN), 0)
    expect(nextStep(state, 0)).toEqual({ kind: 'wait', until: 45 * MIN })
    expect(nextStep(state, 45 * MIN - 1)).toEqual({ kind: 'wait', until: 45 * MIN })
    expect(nextStep(state, 45 * MIN)).toEqual({ kind: 'renew' })
    expect(nextStep(renewalStarted(state), 45 * MIN)).toEqual({ kind: 'busy' })
  })

  it('serves the current session from memory while it is valid, even during a renewal', () => {
    const first = session(0, 60 * MIN)
    const renewing = renewalStarted(initialState(first, 0))
    expect(answer(renewing, 59 * MIN)).toEqual({ kind: 'serve', session: first })
    // Expired: a request waits for the renewal rather than getting a dead session.
    expect(answer(renewing, 60 * MIN)).toEqual({ kind: 'wait' })
  })

  it('takes the renewed session, records when, and schedules the next renewal from it', () => {
    const renewed = session(45 * MIN, 60 * MIN, 'second')
    const state = renewalSucceeded(renewalStarted(initialState(session(0, 60 * MIN), 0)), renewed, 45 * MIN)
    expect(state).toMatchObject({ session: renewed, renewing: false, failures: 0, renewals: [45 * MIN] })
    expect(nextStep(state, 46 * MIN)).toEqual({ kind: 'wait', until: 90 * MIN })
    expect(answer(state, 100 * MIN)).toEqual({ kind: 'serve', session: renewed })
  })

  it('keeps the session after a failure and retries with a doubling backoff, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(n => backoff(n))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000
    ])
    const first = session(0, 60 * MIN)
    let state = renewalStarted(initialState(first, 0))
    state = renewalFailed(state, { message: 'Throttling', permanent: false }, 45 * MIN)
    expect(state).toMatchObject({
      session: first,
      failures: 1,
      lastError: { at: 45 * MIN, message: 'Throttling' }
    })
    expect(nextStep(state, 45 * MIN)).toEqual({ kind: 'wait', until: 45 * MIN + 1000 })
    state = renewalFailed(renewalStarted(state), { message: 'Throttling', permanent: false }, 45 * MIN + 1000)
    expect(nextStep(state, 45 * MIN + 1000)).toEqual({ kind: 'wait', until: 45 * MIN + 3000 })
    expect(answer(state, 59 * MIN)).toEqual({ kind: 'serve', session: first })
    // Past expiry it keeps trying; requests wait for it.
    expect(answer(state, 61 * MIN)).toEqual({ kind: 'wait' })
    expect(nextStep(state, 61 * MIN)).toEqual({ kind: 'renew' })
    // A success clears the failures but keeps the last error for the report.
    const renewed = renewalSucceeded(renewalStarted(state), session(61 * MIN, 60 * MIN, 'second'), 61 * MIN)
    expect(renewed).toMatchObject({ failures: 0, lastError: { message: 'Throttling' }, renewals: [61 * MIN] })
  })

  it('stops for good when renewal is refused permanently, serving the session until it expires', () => {
    const first = session(0, 60 * MIN)
    const state = renewalFailed(
      renewalStarted(initialState(first, 0)),
      { message: 'GitHub refused a token', permanent: true },
      45 * MIN
    )
    expect(nextStep(state, 45 * MIN)).toEqual({ kind: 'stop', reason: 'GitHub refused a token' })
    expect(answer(state, 50 * MIN)).toEqual({ kind: 'serve', session: first })
    expect(answer(state, 60 * MIN)).toEqual({ kind: 'unavailable' })
  })

  it('never schedules two attempts closer than the minimum interval', () => {
    const tiny = initialState(session(0, 200), 0)
    expect(nextStep(tiny, 0)).toEqual({ kind: 'wait', until: DEFAULT_POLICY.minIntervalMs })
    const policy = { ...DEFAULT_POLICY, firstRetryMs: 10 }
    const failed = renewalFailed(renewalStarted(tiny), { message: 'x', permanent: false }, 500, policy)
    expect(failed.nextAttemptAt).toBe(500 + DEFAULT_POLICY.minIntervalMs)
  })
})
