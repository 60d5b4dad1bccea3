// The request log and the round-trip counter built on it, so tests can assert how many calls an
// action made and how many of them had to wait for each other.
export interface RequestLogEntry {
  seq: number
  service: string
  action: string
  /** Region from the signature's credential scope (undefined for unsigned calls). */
  region?: string
  accessKeyId?: string
  /** ARN of the authenticated caller, when authentication succeeded. */
  identityArn?: string
  /** Wall-clock milliseconds (fractional) when the request arrived and when the answer was sent. */
  startMs: number
  endMs: number
  /** HTTP status, or 0 when the connection was reset. */
  status: number
  errorCode?: string
  /** Set when an injected fault shaped this response. */
  injected?: boolean
}

export const nowMs = (): number => performance.timeOrigin + performance.now()

/**
 * The number of sequential round trips: the longest chain of requests each of which started after the
 * previous one ended (overlapping requests count once). Greedy by earliest end is optimal for this.
 */
export function countSequentialRoundTrips(
  entries: readonly RequestLogEntry[],
  filter: (e: RequestLogEntry) => boolean = () => true
): number {
  const sorted = entries.filter(filter).sort((a, b) => a.endMs - b.endMs)
  let count = 0
  let lastEnd = -Infinity
  for (const e of sorted) {
    if (e.startMs >= lastEnd) {
      count++
      lastEnd = e.endMs
    }
  }
  return count
}
