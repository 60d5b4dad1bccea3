import type { Settings } from './inputs.js'
import type { ObtainedCredentials } from './auth/credentials.js'
import type { CheckResult } from './checks/check-result.js'

export type KeyStatus = 'ok' | 'warning' | 'expired' | 'temporary' | 'unknown'

/** The decision: whether the step passes, and what to tell the user. Pure. */
export interface Verdict {
  readonly ok: boolean
  /** The one `::error::` line when the step fails. */
  readonly failure?: string
  /** Warning annotations, in order. */
  readonly warnings: readonly string[]
  readonly keyStatus: KeyStatus
}

function keyStatusOf(obtained: ObtainedCredentials): KeyStatus {
  return obtained.longLivedKey === undefined ? 'temporary' : 'unknown'
}

function denialWarning(result: CheckResult): string {
  const denial = result.denial!
  return `Check '${result.name}' was denied: ${denial.message}. To allow it, add this statement to the identity's policy: ${JSON.stringify(denial.statement)}`
}

/** Results + settings → pass/fail, key status and messages. */
export function decide(
  settings: Settings,
  obtained: ObtainedCredentials,
  results: readonly CheckResult[]
): Verdict {
  const failures: string[] = []
  const warnings: string[] = []
  for (const result of results) {
    if (result.status === 'fail') failures.push(result.detail)
    if (result.status === 'denied') (settings.failOnDenied ? failures : warnings).push(denialWarning(result))
  }
  return {
    ok: failures.length === 0,
    failure: failures.length > 0 ? failures.join(' Also: ') : undefined,
    warnings,
    keyStatus: keyStatusOf(obtained)
  }
}
