import * as core from '@actions/core'
import { readMergeSettings } from '../inputs/merge-inputs.js'
import { readShardReports, shardReportPaths } from '../audit/organization/read-shard-reports.js'
import { mergeShardReports } from '../audit/organization/merge-reports.js'
import { writeMergedReport } from '../effects/write-merged-report.js'
import { writeJobSummary } from '../effects/job-summary.js'
import { renderOrganizationSummary } from '../report/organization-summary.js'
import { ActionError } from '../runtime/action-error.js'
import { failStep } from '../runtime/failure.js'

/**
 * The audit-merge sub-action: shard reports → one checked, merged report → report file, outputs, job
 * summary, the organization's issue → pass, or fail on findings. No AWS access.
 */
export async function runMerge(): Promise<void> {
  try {
    const settings = readMergeSettings()
    if (settings.githubToken) core.setSecret(settings.githubToken)
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()

    const report = await core.group('Merge the shard reports', async () => {
      const paths = await shardReportPaths(settings.reports, workspace)
      core.info(`Found ${paths.length} shard report(s) in ${settings.reports}.`)
      const merged = mergeShardReports(await readShardReports(paths), new Date())
      core.info(
        `Organization ${merged.organization}: ${merged.totals.findings} finding(s) in ${merged.totals.accounts} account(s) from ${merged.shards} shard(s).`
      )
      return merged
    })

    core.setOutput('findings-count', String(report.totals.findings))
    core.setOutput('account-count', String(report.totals.accounts))
    if (settings.reportPath !== undefined) {
      const path = await writeMergedReport(settings.reportPath, report)
      core.setOutput('report-path', path)
      core.info(`Merged report written to ${path}`)
    }
    await writeJobSummary(() => renderOrganizationSummary(report, settings.reportPath))
    if (settings.openIssue) {
      const { syncIssue } = await import('../effects/audit-issue.js')
      const { organizationIssueSubject } = await import('../report/organization-issue-body.js')
      const warning = await syncIssue(settings.githubToken, runUrl =>
        organizationIssueSubject(report, runUrl)
      )
      if (warning) core.warning(warning)
    }
    if (report.totals.findings > 0 && settings.failOnFindings) {
      throw new ActionError(
        `The organization audit of ${report.organization} found ${report.totals.findings} access key finding(s) in ${report.totals.accounts} account(s) (${report.totals.accountsNotAudited} not audited); each says how to fix it, and all are ${settings.reportPath ? `in the report (${settings.reportPath})` : 'in the job summary (set report-path to get them as JSON)'}. Fix them, or set fail-on-findings: false to report findings without failing the step.`
      )
    }
  } catch (error) {
    failStep(error)
  }
}
