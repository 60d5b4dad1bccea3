import type { Settings } from '../inputs/settings.js'
import type { AuditReport } from '../audit/audit-report.js'
import type { AuditOutcome } from '../audit/audit-outcome.js'
import { setAuditOutputs } from './audit-outputs.js'
import { writeJobSummary } from './job-summary.js'

/** What publishing an audit reads: where its summary points to, and whether it keeps an issue. */
export type PublishAuditSettings = Pick<Settings, 'reportPath' | 'openIssue' | 'githubToken'>

/** Creates, updates or closes the account's issue; resolves to a warning when that failed. */
export type SyncAccountIssue = (
  settings: Pick<Settings, 'githubToken'>,
  report: AuditReport
) => Promise<string | undefined>

// @actions/github is large: only an audit that opens issues pays for loading it.
const syncAccountIssue: SyncAccountIssue = async (settings, report) =>
  (await import('./audit-issue.js')).syncAuditIssue(settings, report)

/**
 * The audit stage's effects, as the checks' are the pipeline's: sets findings-count, writes the job
 * summary and, for an account audit with open-issue, syncs its GitHub issue; returns the outcome with the
 * issue's warning added. An audit that could not read the keys says nothing about them: nothing is set,
 * written or synced (an open issue must not be closed or changed). Tests pass their own `syncIssue`.
 */
export async function publishAudit(
  settings: PublishAuditSettings,
  outcome: AuditOutcome,
  syncIssue: SyncAccountIssue = syncAccountIssue
): Promise<AuditOutcome> {
  const { report } = outcome
  if (report === undefined) return outcome
  setAuditOutputs(report)
  // Only an organization report has a scope; the summaries' code loads only with an audit.
  if ('scope' in report) {
    const { renderOrganizationSummary } = await import('../report/organization-summary.js')
    await writeJobSummary(() => renderOrganizationSummary(report, settings.reportPath))
    return outcome
  }
  const { renderAuditSummary } = await import('../report/audit-summary.js')
  await writeJobSummary(() => renderAuditSummary(report, settings.reportPath))
  if (!settings.openIssue) return outcome
  const warning = await syncIssue(settings, report)
  return warning ? { ...outcome, warnings: [...outcome.warnings, warning] } : outcome
}
