import {
  answer,
  DEFAULT_POLICY,
  initialState,
  nextStep,
  renewalFailed,
  renewalStarted,
  renewalSucceeded,
  type RefreshState,
  type RenewalPolicy,
  type Session
} from './session-machine.js'

/** Time and timers, injected so the loop runs on a fake clock in tests. */
export interface Clock {
  now(): number
  /** Calls `run` after `ms`; the returned function cancels it. Must not keep the process alive on its own. */
  after(ms: number, run: () => void): () => void
}

export const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms)
    return () => clearTimeout(timer)
  }
}

export interface RenewalLoopOptions<C> {
  readonly first: Session<C>
  /** Obtains a new session by the route the first one came from. */
  readonly renew: () => Promise<Session<C>>
  /** A failure renewing can never recover from (GitHub no longer issues the job a token). */
  readonly isPermanent: (error: unknown) => boolean
  /** Called after every change (for the status file); also when the loop stops. */
  readonly onChange?: (state: RefreshState<C>) => void
  readonly onStop?: (reason: string) => void
  readonly clock?: Clock
  readonly policy?: RenewalPolicy
  /** How long a request waits for a renewal once the session has expired (the SDK gives up after 1 s). */
  readonly waitLimitMs?: number
}

export interface RenewalLoop<C> {
  /** The session to serve, waiting for a renewal only when the current one has expired; undefined: none. */
  current(): Promise<Session<C> | undefined>
  state(): RefreshState<C>
  stop(): void
}

/** The imperative shell around session-machine.ts: timers, the renewal call, waiting requests. */
export function startRenewalLoop<C>(options: RenewalLoopOptions<C>): RenewalLoop<C> {
  const clock = options.clock ?? REAL_CLOCK
  const policy = options.policy ?? DEFAULT_POLICY
  let state = initialState(options.first, clock.now(), policy)
  let cancelTimer: (() => void) | undefined
  let stopped = false
  const waiting = new Set<() => void>()

  const changed = (next: RefreshState<C>): void => {
    state = next
    for (const wake of waiting) wake()
    waiting.clear()
    options.onChange?.(state)
  }

  const tick = (): void => {
    cancelTimer?.()
    cancelTimer = undefined
    if (stopped) return
    const step = nextStep(state, clock.now())
    if (step.kind === 'stop') {
      stopped = true
      options.onStop?.(step.reason)
    } else if (step.kind === 'wait') {
      cancelTimer = clock.after(step.until - clock.now(), tick)
    } else if (step.kind === 'renew') {
      changed(renewalStarted(state))
      options
        .renew()
        .then(
          session => changed(renewalSucceeded(state, session, clock.now(), policy)),
          (error: unknown) =>
            changed(
              renewalFailed(
                state,
                { message: messageOf(error), permanent: options.isPermanent(error) },
                clock.now(),
                policy
              )
            )
        )
        .finally(tick)
    }
  }

  const nextChange = (limitMs: number): Promise<void> =>
    new Promise(resolve => {
      const cancel = clock.after(limitMs, () => {
        waiting.delete(wake)
        resolve()
      })
      const wake = (): void => {
        cancel()
        resolve()
      }
      waiting.add(wake)
    })

  tick()
  return {
    async current() {
      const deadline = clock.now() + (options.waitLimitMs ?? 800)
      for (;;) {
        const now = clock.now()
        const reply = answer(state, now)
        if (reply.kind === 'serve') return reply.session
        if (reply.kind === 'unavailable' || now >= deadline) return undefined
        await nextChange(deadline - now)
      }
    },
    state: () => state,
    stop() {
      stopped = true
      cancelTimer?.()
    }
  }
}

/** One line for the status file and the post step's report: the message only, never a stack or a body. */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\s+/g, ' ').trim().slice(0, 500)
}
