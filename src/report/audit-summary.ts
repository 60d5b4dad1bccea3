import type { AgeBucket, AuditReport } from '../audit/audit-report.js'
import { RULES, SEVERITIES, type Finding, type Severity } from '../audit/cis-rules.js'
import { html } from './summary-cell.js'
import { headerRow, SummaryHtml } from './summary-html.js'

const SOURCE_LABELS = {
  'credential-report': 'IAM credential report',
  'iam-api': 'IAM API (ListUsers, ListAccessKeys, GetAccessKeyLastUsed)'
} as const

export const SEVERITY_ICONS: Readonly<Record<Severity, string>> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '⚪'
}

/** The job summary has a 1 MiB limit; a large account's findings are all in the JSON report. */
export const SUMMARY_FINDING_ROWS = 100
const BAR_WIDTH = 40

/** Messages mark commands with backticks; a table cell does not render Markdown, so use <code>. */
export function messageHtml(message: string): string {
  return html(message).replace(/`([^`]+)`/g, '<code>$1</code>')
}

/** Where a reader finds what did not fit. */
export function whereTheRestAre(reportPath: string | undefined): string {
  return reportPath ? `in the report (${html(reportPath)})` : '; set report-path to get every finding as JSON'
}

/** The age histogram as text bars, scaled to the largest range. */
export function renderHistogram(buckets: readonly AgeBucket[]): string {
  const most = Math.max(1, ...buckets.map(b => b.keys))
  const labelWidth = Math.max(...buckets.map(b => b.days.length))
  return buckets
    .map(b => {
      const bar = '█'.repeat(Math.round((b.keys / most) * BAR_WIDTH)) || (b.keys > 0 ? '▏' : '')
      return `${b.days.padStart(labelWidth)} days │ ${bar.padEnd(BAR_WIDTH)} ${b.keys}`
    })
    .join('\n')
}

/** After the findings table: how many it left out, and where they are. */
export function addMoreFindingsLine(
  summary: SummaryHtml,
  findings: number,
  reportPath: string | undefined
): void {
  const more = findings - SUMMARY_FINDING_ROWS
  if (more > 0) summary.addRaw(`<p>…and ${more} more ${whereTheRestAre(reportPath)}.</p>`)
}

/** The summary's last section, the age histogram of the active keys. */
export function addAgeHistogram(summary: SummaryHtml, activeKeyAges: readonly AgeBucket[]): void {
  summary.addHeading('Age of active keys', 3).addCodeBlock(renderHistogram(activeKeyAges))
}

function findingRow(finding: Finding): string[] {
  return [
    `${SEVERITY_ICONS[finding.severity]} ${finding.severity}`,
    `CIS ${RULES[finding.rule].cis}`,
    html(finding.user),
    html(finding.accessKeyId),
    finding.ageDays === null ? '?' : String(finding.ageDays),
    finding.lastUsed === null ? 'never' : finding.lastUsed.slice(0, 10),
    messageHtml(finding.message)
  ]
}

/**
 * The audit's part of the job summary, as HTML: totals, findings by severity then age, and the age
 * histogram of the active keys.
 */
export function renderAuditSummary(report: AuditReport, reportPath: string | undefined): string {
  const { totals, thresholds } = report
  const summary = new SummaryHtml()
  summary
    .addHeading(`Access key audit of account ${html(report.account)}`, 2)
    .addRaw(
      `<p>Source: ${SOURCE_LABELS[report.source]}, data as of ${report.dataAsOf}. Thresholds: warn after ${thresholds.warnKeyAgeDays} days, expired after ${thresholds.maxKeyAgeDays}, unused after ${thresholds.unusedKeyDays}.</p>`
    )
    .addList(report.sourceNotes.map(html))
    .addTable([
      headerRow([
        'Users',
        'Active keys',
        'Inactive keys',
        'Findings',
        ...SEVERITIES.map(s => `${SEVERITY_ICONS[s]} ${s}`)
      ]),
      [
        String(totals.users),
        String(totals.activeKeys),
        String(totals.inactiveKeys),
        String(totals.findings),
        ...SEVERITIES.map(s => String(totals.bySeverity[s]))
      ]
    ])
  if (report.findings.length === 0) {
    summary.addRaw('<p>✅ No findings.</p>')
  } else {
    summary
      .addHeading('Findings', 3)
      .addTable([
        headerRow(['Severity', 'Rule', 'User', 'Key', 'Age (days)', 'Last used', 'What to do']),
        ...report.findings.slice(0, SUMMARY_FINDING_ROWS).map(findingRow)
      ])
    addMoreFindingsLine(summary, report.findings.length, reportPath)
  }
  addAgeHistogram(summary, totals.activeKeyAges)
  return summary.toString()
}
