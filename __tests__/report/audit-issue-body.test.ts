import { describe, expect, it } from '@jest/globals'
import type { AuditReport } from '../../src/audit/audit-report.js'
import type { Finding } from '../../src/audit/cis-rules.js'
import { issueMarker, issueTitle, renderIssueBody } from '../../src/report/audit-issue-body.js'
import { auditReportWith } from '../../__fixtures__/audit-report.js'

const finding: Finding = {
  user: '<root_account>',
  accessKeyId: 'key 1',
  rule: 'cis-1.4-root-access-key',
  severity: 'critical',
  ageDays: 1000,
  lastUsed: null,
  message:
    "The root user's key <key 1> | delete it: `aws iam delete-access-key --access-key-id <id of key 1>`."
}

const report = (findings: Finding[]): AuditReport =>
  auditReportWith(findings, { totals: { users: 10_000, activeKeys: 9_000, inactiveKeys: 900 } })

describe('audit-issue-body', () => {
  it('starts with the hidden account marker and names the account in the title', () => {
    const body = renderIssueBody(report([finding]), {})
    expect(body.split('\n')[0]).toBe('<!-- aws-auth-check:audit:123456789012 -->')
    expect(issueMarker('123456789012')).toBe('<!-- aws-auth-check:audit:123456789012 -->')
    expect(issueTitle(report([finding]))).toBe('AWS access key audit: 1 finding(s) in account 123456789012')
    expect(body).toContain('found by the latest audit run on 2025-06-01 from the IAM credential report')
  })

  it('escapes what Markdown would hide outside code, keeps code literal, and never breaks the table', () => {
    const row = renderIssueBody(report([finding]), {})
      .split('\n')
      .find(line => line.startsWith('| critical'))
    expect(row).toBe(
      "| critical | CIS 1.4 | &lt;root_account&gt; | key 1 | 1000 | never | The root user's key &lt;key 1&gt; \\| delete it: `aws iam delete-access-key --access-key-id <id of key 1>`. |"
    )
  })

  it('stays within GitHub’s body limit for a large account and says how many did not fit', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...finding, user: `user-${i}` }))
    const body = renderIssueBody(report(many), { runUrl: 'https://github.example/o/r/actions/runs/1' })
    expect(body.length).toBeLessThanOrEqual(65_536)
    const rows = body.split('\n').filter(line => line.startsWith('| critical')).length
    expect(rows).toBeGreaterThan(100)
    expect(body).toContain(
      `…and ${10_000 - rows} more finding(s) in the report artifact of [this audit run](https://github.example/o/r/actions/runs/1).`
    )
  })
})
