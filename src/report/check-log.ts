import * as core from '@actions/core'
import type { CheckResult } from '../checks/check-result.js'

const MARKS = { pass: '✓', warn: '!', fail: '✗', denied: '⊘', skipped: '-' } as const

/** One log line per check, inside the "Validate credentials" group. */
export function logChecks(results: readonly CheckResult[]): void {
  for (const r of results)
    core.info(`${MARKS[r.status]} ${r.name} ${r.status} in ${r.durationMs} ms: ${r.detail}`)
}
