// Fault injection: a test queues a fault for an action and the next matching requests consume it.
import { wildcardToRegExp } from './permissions.js'

export interface Fault {
  /** How many matching requests get this fault (default 1). */
  times?: number
  /** Answer with this HTTP status (the error code defaults per status and service). */
  status?: number
  /** Answer with this AWS error code (the status defaults per code). */
  code?: string
  message?: string
  /** Wait this long before answering (then fail as above, or succeed if no status/code/reset). */
  delayMs?: number
  /** Destroy the connection without answering (the client sees ECONNRESET / socket hang up). */
  reset?: boolean
  /** Only requests signed by a key or session of this account (organization seeds have several). */
  account?: string
}

interface QueuedFault {
  pattern: RegExp
  fault: Fault
  remaining: number
}

export class FaultQueue {
  private queued: QueuedFault[] = []

  /** `action` is "GetCallerIdentity", "sts:GetCallerIdentity", "iam:*" or "*". */
  add(action: string, fault: Fault): void {
    const qualified = action.includes(':') || action === '*' ? action : `*:${action}`
    this.queued.push({ pattern: wildcardToRegExp(qualified, 'i'), fault, remaining: fault.times ?? 1 })
  }

  /** The first queued fault matching `service:action`, consumed once. */
  take(service: string, action: string, account?: string): Fault | undefined {
    const entry = this.queued.find(
      q =>
        q.remaining > 0 &&
        q.pattern.test(`${service}:${action}`) &&
        (q.fault.account === undefined || q.fault.account === account)
    )
    if (!entry) return undefined
    entry.remaining--
    this.queued = this.queued.filter(q => q.remaining > 0)
    return entry.fault
  }

  get pending(): number {
    return this.queued.reduce((sum, q) => sum + q.remaining, 0)
  }

  clear(): void {
    this.queued = []
  }
}
