import type { AuditReport } from '../audit/audit-report.js'
import { RULES, SEVERITIES } from '../audit/cis-rules.js'
import type { IssueSubject } from './issue-subject.js'

/** GitHub rejects issue bodies over 65,536 characters; leave room for the closing lines. */
export const BODY_BUDGET = 60_000

/** The hidden line that identifies the account's issue, whatever its title becomes. */
export function issueMarker(account: string): string {
  return `<!-- aws-auth-check:audit:${account} -->`
}

/**
 * A Markdown table cell. Outside code spans `<` would start an HTML tag (hiding `<root_account>`);
 * inside them it is literal. `|` would end the cell anywhere, even in code.
 */
export function cell(text: string): string {
  return text
    .split('`')
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    )
    .join('`')
    .replace(/\|/g, '\\|')
}

export function issueTitle(report: AuditReport): string {
  return `AWS access key audit: ${report.totals.findings} finding(s) in account ${report.account}`
}

export interface IssueContext {
  /** The workflow run that produced the report (its artifact holds the full JSON). */
  readonly runUrl?: string
}

/** The issue body: marker, totals, and as many findings as fit, most severe first. */
export function renderIssueBody(report: AuditReport, { runUrl }: IssueContext): string {
  const { totals, thresholds } = report
  const counts = SEVERITIES.filter(s => totals.bySeverity[s] > 0)
    .map(s => `${totals.bySeverity[s]} ${s}`)
    .join(', ')
  const run = runUrl ? `[this audit run](${runUrl})` : 'the latest audit run'
  const head = [
    issueMarker(report.account),
    `**${totals.findings} finding(s)** (${counts}) among ${totals.activeKeys} active access keys of ${totals.users} IAM users, found by ${run} on ${report.generatedAt.slice(0, 10)} from the ${report.source === 'credential-report' ? 'IAM credential report' : 'IAM API'}.`,
    '',
    `Thresholds: warn after ${thresholds.warnKeyAgeDays} days, expired after ${thresholds.maxKeyAgeDays} days, unused after ${thresholds.unusedKeyDays} days.`,
    '',
    '| Severity | Rule | User | Key | Age (days) | Last used | What to do |',
    '|---|---|---|---|---|---|---|'
  ].join('\n')
  const tail = [
    '',
    'This issue is updated by every audit and closed by the first audit that finds nothing. The full JSON report is an artifact of the run.'
  ].join('\n')

  const rows: string[] = []
  let length = head.length + tail.length
  for (const f of report.findings) {
    const row = `| ${f.severity} | CIS ${RULES[f.rule].cis} | ${cell(f.user)} | ${cell(f.accessKeyId)} | ${f.ageDays ?? '?'} | ${f.lastUsed?.slice(0, 10) ?? 'never'} | ${cell(f.message)} |`
    if (length + row.length + 200 > BODY_BUDGET) break
    rows.push(row)
    length += row.length + 1
  }
  const more = report.findings.length - rows.length
  const overflow = more > 0 ? [`\n…and ${more} more finding(s) in the report artifact of ${run}.`] : []
  return [head, ...rows, ...overflow, tail].join('\n')
}

/** The account audit's issue. */
export function accountIssueSubject(report: AuditReport, runUrl?: string): IssueSubject {
  return {
    marker: issueMarker(report.account),
    scope: `account ${report.account}`,
    findings: report.totals.findings,
    generatedAt: report.generatedAt,
    title: issueTitle(report),
    body: renderIssueBody(report, { runUrl })
  }
}
