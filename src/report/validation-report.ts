import { sourceLabel, type ObtainedCredentials } from '../auth/credentials.js'
import { accountLabel, redactAccountId } from '../masking.js'
import type { Settings } from '../inputs.js'
import type { CheckResult } from '../checks/check-result.js'
import { checkData, checkRows } from '../checks/check-data.js'
import type { Verdict } from '../verdict.js'

/** The caller-scope report written to report-path: what was checked, when, and the outcome. */
export interface ValidationReport {
  readonly generatedAt: string
  readonly scope: 'caller'
  readonly account: string | null
  readonly arn: string | null
  readonly source: string
  readonly result: 'pass' | 'fail'
  readonly failure: string | null
  readonly warnings: readonly string[]
  readonly keyStatus: Verdict['keyStatus']
  readonly keyAgeDays: number | null
  readonly thresholds: { readonly warnKeyAgeDays: number; readonly maxKeyAgeDays: number }
  readonly checks: ReturnType<typeof checkRows>
  readonly regions: readonly string[] | null
  readonly iamUserCount: number | null
}

export function buildValidationReport(
  settings: Settings,
  obtained: ObtainedCredentials,
  results: readonly CheckResult[],
  verdict: Verdict,
  now: Date
): ValidationReport {
  const { identity, regions, users } = checkData(results)
  // A file: no log mask covers it, so with mask-aws-account-id the id is replaced by a hash.
  const redact = redactAccountId(settings, identity?.account)
  const arn = obtained.assumedRoleArn ?? identity?.arn
  return {
    generatedAt: now.toISOString(),
    scope: 'caller',
    account: identity ? accountLabel(settings, identity.account) : null,
    arn: arn ? redact(arn) : null,
    source: sourceLabel(obtained),
    result: verdict.ok ? 'pass' : 'fail',
    failure: verdict.failure ? redact(verdict.failure) : null,
    warnings: verdict.warnings.map(redact),
    keyStatus: verdict.keyStatus,
    keyAgeDays: verdict.keyAgeDays ?? null,
    thresholds: { warnKeyAgeDays: settings.warnKeyAgeDays, maxKeyAgeDays: settings.maxKeyAgeDays },
    checks: checkRows(results).map(row => ({ ...row, detail: redact(row.detail) })),
    regions: regions?.regions ?? null,
    iamUserCount: users?.count ?? null
  }
}
