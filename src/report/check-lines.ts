import type { CheckResult } from '../checks/check-result.js'

const MARKS = { pass: '✓', warn: '!', fail: '✗', denied: '⊘', skipped: '-' } as const

/** One log line per check, for the "Validate credentials" group. */
export function checkLines(results: readonly CheckResult[]): string[] {
  return results.map(r => `${MARKS[r.status]} ${r.name} ${r.status} in ${r.durationMs} ms: ${r.detail}`)
}
