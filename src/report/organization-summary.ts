import { SEVERITIES } from '../audit/cis-rules.js'
import type {
  AccountEntry,
  OrganizationFinding,
  OrganizationReport
} from '../audit/organization/organization-report.js'
import { ruleLabel } from '../audit/organization/organization-report.js'
import {
  addAgeHistogram,
  addMoreFindingsLine,
  messageHtml,
  SEVERITY_ICONS,
  SUMMARY_FINDING_ROWS,
  whereTheRestAre
} from './audit-summary.js'
import { html } from './summary-cell.js'
import { headerRow, SummaryHtml } from './summary-html.js'

/** Accounts listed in the summary, most findings first; a 1,000-account table would bury the rest. */
export const SUMMARY_ACCOUNT_ROWS = 200

/** `o-abc123, shard 2/3` or `o-abc123, 3 shards merged`. */
export function scopeLabel(report: OrganizationReport): string {
  return report.shards === undefined
    ? `${report.organization}, shard ${report.shard ?? '1/1'}`
    : `${report.organization}, ${report.shards} shard(s) merged`
}

function accountRow(entry: AccountEntry): string[] {
  const t = entry.totals
  return [
    html(entry.id),
    html(entry.name),
    entry.status === 'audited' ? '✅ audited' : '❌ not audited',
    t === null ? '-' : String(t.users),
    t === null ? '-' : String(t.activeKeys),
    t === null ? '1' : String(t.findings),
    t === null
      ? '🟠 1'
      : SEVERITIES.filter(s => t.bySeverity[s] > 0)
          .map(s => `${SEVERITY_ICONS[s]} ${t.bySeverity[s]}`)
          .join(' ') || '-'
  ]
}

function findingRow(f: OrganizationFinding): string[] {
  return [
    `${SEVERITY_ICONS[f.severity]} ${f.severity}`,
    html(ruleLabel(f.rule)),
    `${html(f.account)}<br>${html(f.accountName)}`,
    html(f.user),
    html(f.accessKeyId),
    f.ageDays === null ? '?' : String(f.ageDays),
    f.lastUsed === null ? 'never' : f.lastUsed.slice(0, 10),
    messageHtml(f.message)
  ]
}

/**
 * The organization audit's job summary as HTML, for a shard and for the merge alike: totals, a table per
 * account, the worst findings and the age histogram of every active key.
 */
export function renderOrganizationSummary(
  report: OrganizationReport,
  reportPath: string | undefined
): string {
  const { totals, thresholds } = report
  const summary = new SummaryHtml()
  summary
    .addHeading(`Access key audit of organization ${html(scopeLabel(report))}`, 2)
    .addRaw(
      `<p>${totals.accounts} of ${report.accountsListed} ACTIVE account(s) in this report. Thresholds: warn after ${thresholds.warnKeyAgeDays} days, expired after ${thresholds.maxKeyAgeDays}, unused after ${thresholds.unusedKeyDays}.</p>`
    )
    .addTable([
      headerRow([
        'Accounts',
        'Not audited',
        'Users',
        'Active keys',
        'Findings',
        ...SEVERITIES.map(s => `${SEVERITY_ICONS[s]} ${s}`)
      ]),
      [
        String(totals.accounts),
        String(totals.accountsNotAudited),
        String(totals.users),
        String(totals.activeKeys),
        String(totals.findings),
        ...SEVERITIES.map(s => String(totals.bySeverity[s]))
      ]
    ])
    .addHeading('Accounts', 3)
    .addTable([
      headerRow(['Account', 'Name', 'Status', 'Users', 'Active keys', 'Findings', 'By severity']),
      ...report.accounts.slice(0, SUMMARY_ACCOUNT_ROWS).map(accountRow)
    ])
  const moreAccounts = report.accounts.length - SUMMARY_ACCOUNT_ROWS
  if (moreAccounts > 0) {
    summary.addRaw(`<p>…and ${moreAccounts} more account(s) ${whereTheRestAre(reportPath)}.</p>`)
  }
  if (report.findings.length === 0) {
    summary.addRaw('<p>✅ No findings.</p>')
  } else {
    summary
      .addHeading('Worst findings', 3)
      .addTable([
        headerRow(['Severity', 'Rule', 'Account', 'User', 'Key', 'Age (days)', 'Last used', 'What to do']),
        ...report.findings.slice(0, SUMMARY_FINDING_ROWS).map(findingRow)
      ])
    addMoreFindingsLine(summary, report.findings.length, reportPath)
  }
  addAgeHistogram(summary, totals.activeKeyAges)
  return summary.toString()
}
