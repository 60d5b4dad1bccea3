import { SEVERITIES } from '../audit/cis-rules.js'
import type { IssueSubject } from './issue-subject.js'
import { ruleLabel, type OrganizationReport } from '../audit/organization/organization-report.js'
import { BODY_BUDGET, cell } from './audit-issue-body.js'

/** Accounts listed in the issue before its findings; the report has every one. */
const ISSUE_ACCOUNT_ROWS = 50

/** The hidden line that identifies the organization's one issue. */
export function organizationIssueMarker(organization: string): string {
  return `<!-- aws-auth-check:audit:organization:${organization} -->`
}

/** Adds rows while they fit in what is left of the budget; returns how many did. */
function fill(rows: string[], candidates: Iterable<string>, budget: { left: number }): number {
  let added = 0
  for (const row of candidates) {
    if (row.length + 1 > budget.left) break
    rows.push(row)
    budget.left -= row.length + 1
    added++
  }
  return added
}

/**
 * The organization's issue: totals, the accounts with the most findings, then as many findings as fit,
 * most severe first, within GitHub's 65,536-character limit; the rest are in the report artifact.
 */
export function renderOrganizationIssueBody(report: OrganizationReport, runUrl?: string): string {
  const { totals, thresholds } = report
  const run = runUrl ? `[this audit run](${runUrl})` : 'the latest audit run'
  const counts = SEVERITIES.filter(s => totals.bySeverity[s] > 0)
    .map(s => `${totals.bySeverity[s]} ${s}`)
    .join(', ')
  const head = [
    organizationIssueMarker(report.organization),
    `**${totals.findings} finding(s)** (${counts}) in ${totals.accounts} account(s) of organization ${report.organization} (${totals.accountsNotAudited} not audited), among ${totals.activeKeys} active access keys of ${totals.users} IAM users, found by ${run} on ${report.generatedAt.slice(0, 10)}.`,
    '',
    `Thresholds: warn after ${thresholds.warnKeyAgeDays} days, expired after ${thresholds.maxKeyAgeDays} days, unused after ${thresholds.unusedKeyDays} days.`
  ].join('\n')
  const tail =
    '\nThis issue is updated by every organization audit and closed by the first one that finds nothing. The merged JSON report is an artifact of the run.'
  // Room for the two overflow lines, whatever they say.
  const budget = { left: BODY_BUDGET - head.length - tail.length - 400 }

  const accounts = report.accounts.filter(a => a.status === 'not-audited' || (a.totals?.findings ?? 0) > 0)
  const accountRows = [
    '',
    '### Accounts with findings',
    '',
    '| Account | Name | Findings | Status |',
    '|---|---|---|---|'
  ]
  budget.left -= accountRows.join('\n').length
  const shownAccounts = fill(
    accountRows,
    accounts
      .slice(0, ISSUE_ACCOUNT_ROWS)
      .map(a => `| ${cell(a.id)} | ${cell(a.name)} | ${a.totals?.findings ?? 1} | ${a.status} |`),
    budget
  )
  const findingRows = [
    '',
    '### Findings',
    '',
    '| Severity | Rule | Account | User | Key | Age (days) | Last used | What to do |',
    '|---|---|---|---|---|---|---|---|'
  ]
  budget.left -= findingRows.join('\n').length
  const rows = (function* () {
    for (const f of report.findings) {
      yield `| ${f.severity} | ${ruleLabel(f.rule)} | ${cell(f.account)} | ${cell(f.user)} | ${cell(f.accessKeyId)} | ${f.ageDays ?? '?'} | ${f.lastUsed?.slice(0, 10) ?? 'never'} | ${cell(f.message)} |`
    }
  })()
  const shownFindings = fill(findingRows, rows, budget)
  const moreAccounts = accounts.length - shownAccounts
  const moreFindings = report.findings.length - shownFindings
  return [
    head,
    ...(accounts.length > 0 ? accountRows : []),
    ...(moreAccounts > 0
      ? [`\n…and ${moreAccounts} more account(s) with findings in the report artifact of ${run}.`]
      : []),
    ...findingRows,
    ...(moreFindings > 0 ? [`\n…and ${moreFindings} more finding(s) in the report artifact of ${run}.`] : []),
    tail
  ].join('\n')
}

/** The organization's issue, for the audit-merge sub-action. */
export function organizationIssueSubject(report: OrganizationReport, runUrl?: string): IssueSubject {
  return {
    marker: organizationIssueMarker(report.organization),
    scope: `organization ${report.organization}`,
    findings: report.totals.findings,
    generatedAt: report.generatedAt,
    title: `AWS access key audit: ${report.totals.findings} finding(s) in ${report.totals.accounts} account(s) of organization ${report.organization}`,
    body: renderOrganizationIssueBody(report, runUrl)
  }
}
