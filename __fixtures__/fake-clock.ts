// A clock for the refresh endpoint's renewal loop (src/refresh/renewal-loop.ts): time moves only when a
// test says so, and the timers due by then run in order.
import type { Clock } from '../src/refresh/renewal-loop.js'

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, running each timer that falls due, and lets promises settle between. */
  advance(ms: number): Promise<void>
  readonly pending: number
}

/** Lets every queued promise reaction run (a renewal's then/finally chain takes a few turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

export function fakeClock(start = 0): FakeClock {
  let now = start
  let nextId = 0
  const timers = new Map<number, { at: number; run: () => void }>()
  return {
    now: () => now,
    after(ms, run) {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), run })
      return () => void timers.delete(id)
    },
    async advance(ms) {
      const end = now + ms
      await settle()
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
        if (due === undefined) break
        timers.delete(due[0])
        now = Math.max(now, due[1].at)
        due[1].run()
        await settle()
      }
      now = end
      await settle()
    },
    get pending() {
      return timers.size
    }
  }
}
