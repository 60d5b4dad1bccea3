import { describe, expect, it } from '@jest/globals'
import { judgeAudit, MAX_FINDING_ANNOTATIONS } from '../../src/audit/judge-audit.js'
import type { AuditReport } from '../../src/audit/audit-report.js'
import type { Finding } from '../../src/audit/cis-rules.js'
import type { AuditOutcome } from '../../src/audit/run-audit.js'

const settings = { failOnFindings: true, reportPath: 'key-audit.json' }

function finding(n: number): Finding {
  return {
    user: `user-${n}`,
    accessKeyId: 'key 1',
    rule: 'cis-1.14-key-expired',
    severity: 'high',
    ageDays: 200 - n,
    lastUsed: null,
    message: `Access key 1 of IAM user user-${n} is old. Rotate it.`
  }
}

function outcome(findings: number, warnings: string[] = []): AuditOutcome {
  const list = Array.from({ length: findings }, (_, i) => finding(i))
  const report = {
    account: '123456789012',
    findings: list,
    totals: {
      users: 50,
      activeKeys: 60,
      findings,
      bySeverity: { critical: 0, high: findings, medium: 0, low: 0 }
    }
  } as unknown as AuditReport
  return { report, warnings }
}

describe('judge-audit', () => {
  it('passes a clean audit', () => {
    expect(judgeAudit(settings, outcome(0))).toEqual({ failures: [], warnings: [] })
  })

  it('fails on findings with counts, where they are, and how to only report', () => {
    const { failures, warnings } = judgeAudit(settings, outcome(2))
    expect(failures).toEqual([
      'The account audit of 123456789012 found 2 access key finding(s) (2 high) among 60 active keys of 50 users; each says how to fix it, and all are in the report (key-audit.json). Fix them, or set fail-on-findings: false to report findings without failing the step.'
    ])
    expect(warnings).toEqual([
      'Key audit [high, CIS 1.14]: Access key 1 of IAM user user-0 is old. Rotate it.',
      'Key audit [high, CIS 1.14]: Access key 1 of IAM user user-1 is old. Rotate it.'
    ])
  })

  it('says where the rest are without report-path', () => {
    const { warnings } = judgeAudit({ failOnFindings: true }, outcome(11))
    expect(warnings.at(-1)).toContain('all 11 are in the job summary (set report-path to get them as JSON)')
  })

  it('only warns with fail-on-findings: false', () => {
    const judged = judgeAudit({ failOnFindings: false }, outcome(3))
    expect(judged.failures).toEqual([])
    expect(judged.warnings).toHaveLength(3)
  })

  it.each([
    [MAX_FINDING_ANNOTATIONS, MAX_FINDING_ANNOTATIONS, undefined],
    [
      MAX_FINDING_ANNOTATIONS + 1,
      MAX_FINDING_ANNOTATIONS,
      'Key audit: 1 more finding(s) are not annotated; all 11'
    ],
    [
      250,
      MAX_FINDING_ANNOTATIONS,
      'Key audit: 240 more finding(s) are not annotated; all 250 are in the report (key-audit.json)'
    ]
  ])('annotates at most 10 of %i findings, then one line for the rest', (count, annotated, overflow) => {
    const { warnings } = judgeAudit(settings, outcome(count))
    expect(warnings.filter(w => w.startsWith('Key audit ['))).toHaveLength(annotated)
    if (overflow) {
      expect(warnings).toHaveLength(annotated + 1)
      expect(warnings.at(-1)).toContain(overflow)
    } else {
      expect(warnings).toHaveLength(annotated)
    }
  })

  it('puts a problem around the audit before the findings, where GitHub still shows it', () => {
    const { warnings } = judgeAudit(settings, outcome(12, ['Could not update the audit issue']))
    expect(warnings[0]).toBe('Could not update the audit issue')
  })

  it('fails an audit that could not read the keys, even with fail-on-findings: false', () => {
    const failure = 'The account audit could not read the account access keys.'
    expect(judgeAudit({ failOnFindings: false }, { failure, warnings: [] })).toEqual({
      failures: [failure],
      warnings: []
    })
  })
})
