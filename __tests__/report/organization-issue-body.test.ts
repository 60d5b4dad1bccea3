import { describe, expect, it } from '@jest/globals'
import type {
  OrganizationFinding,
  OrganizationReport
} from '../../src/audit/organization/organization-report.js'
import { organizationTotals } from '../../src/audit/organization/organization-report.js'
import {
  organizationIssueMarker,
  organizationIssueSubject
} from '../../src/report/organization-issue-body.js'

function report(findingCount: number, accountCount: number): OrganizationReport {
  const accounts = Array.from({ length: accountCount }, (_, i) => ({
    id: String(200000000000 + i),
    name: `account | ${i}`,
    status: 'audited' as const,
    totals: null
  }))
  const findings: OrganizationFinding[] = Array.from({ length: findingCount }, (_, i) => ({
    account: accounts[i % accountCount]!.id,
    accountName: accounts[i % accountCount]!.name,
    user: `user-<${i}>`,
    accessKeyId: 'key 1',
    rule: 'cis-1.14-key-expired',
    severity: 'high',
    ageDays: 400 - (i % 300),
    lastUsed: null,
    message: `Access key 1 of IAM user user-${i} is old. Rotate it: \`aws iam create-access-key --user-name user-${i}\`.`
  }))
  return {
    scope: 'organization',
    generatedAt: '2025-06-01T12:00:00.000Z',
    organization: 'o-abc123',
    shards: 1000,
    accountsListed: accountCount,
    thresholds: { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 },
    totals: organizationTotals(accounts, findings),
    accounts: accounts.map(a => ({ ...a, status: 'not-audited' as const })),
    findings
  }
}

describe('organizationIssueSubject', () => {
  it("stays within GitHub's 65,536 characters at 100,000 findings, pointing to the report for the rest", () => {
    const subject = organizationIssueSubject(report(100_000, 1000), 'https://github.com/o/r/actions/runs/1')
    expect(subject.body.length).toBeLessThanOrEqual(65_536)
    expect(subject.body.length).toBeGreaterThan(50_000)
    expect(subject.body).toMatch(
      /…and \d+ more finding\(s\) in the report artifact of \[this audit run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\)/
    )
    expect(subject.body).toContain('…and 950 more account(s)')
    expect(subject.body.startsWith(organizationIssueMarker('o-abc123'))).toBe(true)
    expect(subject.title).toBe(
      'AWS access key audit: 100000 finding(s) in 1000 account(s) of organization o-abc123'
    )
  })

  it('lists every finding of a small organization, with table cells escaped', () => {
    const subject = organizationIssueSubject(report(3, 2))
    expect(subject.body).not.toContain('more finding(s)')
    expect(subject.body.match(/^\| high \| CIS 1\.14 \|/gm)).toHaveLength(3)
    expect(subject.body).toContain('account \\| 0')
    expect(subject.body).toContain('user-&lt;0&gt;')
    expect(subject).toMatchObject({ scope: 'organization o-abc123', findings: 3 })
  })
})
