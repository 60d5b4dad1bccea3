/**
 * The endpoint's session state machine: which session to serve, when to renew it, how long to back off
 * after a failure, when to give up. Pure: times are milliseconds since the epoch passed in by the caller,
 * so the whole lifecycle is tested with a fake clock (renewal-loop.ts drives it with real timers).
 */

/** A session and its lifetime. `C` is what is served (the credentials); the machine never looks inside. */
export interface Session<C> {
  readonly credentials: C
  /** When it was obtained: with expiresAt, its lifetime. */
  readonly obtainedAt: number
  readonly expiresAt: number
}

export interface RenewalPolicy {
  /** Renew once less than this remains (docs/refresh.md: 15 minutes), or half the lifetime if that is shorter. */
  readonly maxLeadMs: number
  /** First wait after a failed renewal; doubled after each further failure. */
  readonly firstRetryMs: number
  readonly maxRetryMs: number
  /** Never two attempts closer than this, whatever the session says (a session of a second or less). */
  readonly minIntervalMs: number
}

export const DEFAULT_POLICY: RenewalPolicy = {
  maxLeadMs: 15 * 60_000,
  firstRetryMs: 1_000,
  maxRetryMs: 60_000,
  minIntervalMs: 500
}

export interface RenewalError {
  readonly at: number
  /** Safe for the log: an action error message, never a secret. */
  readonly message: string
}

export interface RefreshState<C> {
  readonly session: Session<C>
  readonly renewing: boolean
  /** When the next renewal starts (a retry after a failure comes earlier than the regular one). */
  readonly nextAttemptAt: number
  /** Failed attempts since the last success. */
  readonly failures: number
  /** When each renewal succeeded, oldest first. */
  readonly renewals: readonly number[]
  readonly lastError?: RenewalError
  /** Set when renewal was refused for good (the job has ended): the endpoint stops. */
  readonly finished?: string
}

/** When a session is renewed: min(maxLead, half its lifetime) before it expires. */
export function renewalDue(session: Session<unknown>, policy: RenewalPolicy = DEFAULT_POLICY): number {
  const lifetime = Math.max(0, session.expiresAt - session.obtainedAt)
  return session.expiresAt - Math.min(policy.maxLeadMs, lifetime / 2)
}

/** The wait before attempt number `failures + 1`: doubling from firstRetryMs, capped at maxRetryMs. */
export function backoff(failures: number, policy: RenewalPolicy = DEFAULT_POLICY): number {
  return Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** Math.max(0, failures - 1))
}

export function initialState<C>(
  session: Session<C>,
  now: number,
  policy: RenewalPolicy = DEFAULT_POLICY
): RefreshState<C> {
  return {
    session,
    renewing: false,
    nextAttemptAt: Math.max(renewalDue(session, policy), now + policy.minIntervalMs),
    failures: 0,
    renewals: []
  }
}

/** What the driver does next: start a renewal, wait until a time, wait for the running one, or stop. */
export type NextStep =
  | { readonly kind: 'renew' }
  | { readonly kind: 'wait'; readonly until: number }
  | { readonly kind: 'busy' }
  | { readonly kind: 'stop'; readonly reason: string }

export function nextStep(state: RefreshState<unknown>, now: number): NextStep {
  if (state.finished !== undefined) return { kind: 'stop', reason: state.finished }
  if (state.renewing) return { kind: 'busy' }
  if (now >= state.nextAttemptAt) return { kind: 'renew' }
  return { kind: 'wait', until: state.nextAttemptAt }
}

export function renewalStarted<C>(state: RefreshState<C>): RefreshState<C> {
  return { ...state, renewing: true }
}

export function renewalSucceeded<C>(
  state: RefreshState<C>,
  session: Session<C>,
  now: number,
  policy: RenewalPolicy = DEFAULT_POLICY
): RefreshState<C> {
  return {
    ...state,
    session,
    renewing: false,
    failures: 0,
    nextAttemptAt: Math.max(renewalDue(session, policy), now + policy.minIntervalMs),
    renewals: [...state.renewals, now]
  }
}

/**
 * A failed renewal keeps the current session (served until it expires) and tries again after a backoff;
 * `permanent` (GitHub no longer issues the job a token) finishes the endpoint instead.
 */
export function renewalFailed<C>(
  state: RefreshState<C>,
  error: { readonly message: string; readonly permanent: boolean },
  now: number,
  policy: RenewalPolicy = DEFAULT_POLICY
): RefreshState<C> {
  const lastError = { at: now, message: error.message }
  if (error.permanent) return { ...state, renewing: false, lastError, finished: error.message }
  const failures = state.failures + 1
  return {
    ...state,
    renewing: false,
    failures,
    lastError,
    nextAttemptAt: now + Math.max(policy.minIntervalMs, backoff(failures, policy))
  }
}

/**
 * What a request gets: the session while it is valid (from memory, even during a renewal); once it has
 * expired, a wait for the renewal, or nothing when the endpoint has given up.
 */
export type Answer<C> =
  | { readonly kind: 'serve'; readonly session: Session<C> }
  | { readonly kind: 'wait' }
  | { readonly kind: 'unavailable' }

export function answer<C>(state: RefreshState<C>, now: number): Answer<C> {
  if (now < state.session.expiresAt) return { kind: 'serve', session: state.session }
  return state.finished === undefined ? { kind: 'wait' } : { kind: 'unavailable' }
}
