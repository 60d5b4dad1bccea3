import { sourceLabel, type ObtainedCredentials } from '../auth/credentials.js'
import { accountLabel, redactAccountId, type MaskSettings } from '../runtime/masking.js'
import type { Settings } from '../inputs/settings.js'
import type { CheckResult } from '../checks/check-result.js'
import { checkData, checkRows } from '../checks/check-data.js'
import type { Verdict } from '../verdict/verdict.js'

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
  /** require-permissions: each required action/resource with AWS's decision (null when not checked). */
  readonly permissions: {
    readonly principal: string
    readonly rows: readonly {
      action: string
      resource: string
      decision: string
      matched: readonly string[]
      origin: string
    }[]
  } | null
  /** The escalation check's open paths (null when not run). */
  readonly escalation: {
    readonly principal: string
    readonly findings: readonly { id: string; actions: readonly string[]; source: string }[]
  } | null
}

export function buildValidationReport(
  settings: MaskSettings & Pick<Settings, 'warnKeyAgeDays' | 'maxKeyAgeDays'>,
  obtained: ObtainedCredentials,
  results: readonly CheckResult[],
  verdict: Verdict,
  now: Date
): ValidationReport {
  const { identity, regions, users, permissions, escalation } = checkData(results)
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
    iamUserCount: users?.count ?? null,
    permissions: permissions
      ? {
          principal: redact(permissions.principal),
          rows: permissions.rows.map(r => ({
            action: r.action,
            resource: redact(r.resource),
            decision: r.decision,
            matched: r.matched,
            origin: r.origin
          }))
        }
      : null,
    escalation: escalation
      ? {
          principal: redact(escalation.principal),
          findings: escalation.findings.map(f => ({ id: f.id, actions: f.actions, source: f.source }))
        }
      : null
  }
}
