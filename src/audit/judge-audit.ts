import type { Settings } from '../inputs/settings.js'
import { SEVERITIES } from './cis-rules.js'
import { isOrganizationReport, ruleLabel } from './organization/organization-report.js'
import type { AuditOutcome } from './run-audit.js'

/** GitHub shows at most 10 warning annotations per step; the rest are in the report. */
export const MAX_FINDING_ANNOTATIONS = 10

/** The two inputs the audit's judgement reads. */
export type AuditJudgementSettings = Pick<Settings, 'failOnFindings' | 'reportPath'>

function whereTheyAre(settings: Pick<Settings, 'reportPath'>): string {
  return settings.reportPath
    ? `in the report (${settings.reportPath})`
    : 'in the job summary (set report-path to get them as JSON)'
}

/** The audit's share of the verdict. */
export interface AuditJudgement {
  readonly failures: readonly string[]
  readonly warnings: readonly string[]
}

/**
 * Pass/fail and messages for the account audit. Pure. An audit that could not read the keys always
 * fails: a scheduled audit that silently checks nothing is worse than a red run. Findings fail the step
 * only with fail-on-findings. Warnings: problems around the audit first (the issue), then one per
 * finding for the first ten, most severe first, then one line saying how many more are in the report.
 */
export function judgeAudit(settings: AuditJudgementSettings, audit: AuditOutcome): AuditJudgement {
  if (audit.failure !== undefined || audit.report === undefined) {
    return { failures: [audit.failure ?? 'The account audit did not run.'], warnings: audit.warnings }
  }
  const { findings, totals } = audit.report
  const report = audit.report
  const subject = isOrganizationReport(report)
    ? `The organization audit of ${report.organization} (shard ${report.shard}, ${report.totals.accounts} accounts)`
    : `The account audit of ${report.account}`
  const warnings = [
    ...audit.warnings,
    ...findings
      .slice(0, MAX_FINDING_ANNOTATIONS)
      .map(f => `Key audit [${f.severity}, ${ruleLabel(f.rule)}]: ${f.message}`)
  ]
  const more = findings.length - MAX_FINDING_ANNOTATIONS
  if (more > 0) {
    warnings.push(
      `Key audit: ${more} more finding(s) are not annotated; all ${findings.length} are ${whereTheyAre(settings)}.`
    )
  }
  if (findings.length === 0 || !settings.failOnFindings) return { failures: [], warnings }
  const counts = SEVERITIES.filter(s => totals.bySeverity[s] > 0)
    .map(s => `${totals.bySeverity[s]} ${s}`)
    .join(', ')
  return {
    failures: [
      `${subject} found ${findings.length} access key finding(s) (${counts}) among ${totals.activeKeys} active keys of ${totals.users} users; each says how to fix it, and all are ${whereTheyAre(settings)}. Fix them, or set fail-on-findings: false to report findings without failing the step.`
    ],
    warnings
  }
}
