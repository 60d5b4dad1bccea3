import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { AuditReport } from '../../src/audit/audit-report.js'
import type { Finding } from '../../src/audit/cis-rules.js'
import { renderAuditSummary, renderHistogram, SUMMARY_FINDING_ROWS } from '../../src/report/audit-summary.js'
import { writeJobSummary } from '../../src/effects/job-summary.js'
import { auditReportWith } from '../../__fixtures__/audit-report.js'

// Rendered, then written by the real @actions/core summary to a real file: this tests the HTML a user sees.
const dir = mkdtempSync(join(tmpdir(), 'audit-summary-'))
const file = join(dir, 'summary.md')

const rootFinding: Finding = {
  user: '<root_account>',
  accessKeyId: 'key 1',
  rule: 'cis-1.4-root-access-key',
  severity: 'critical',
  ageDays: 1000,
  lastUsed: '2025-05-29T12:00:00.000Z',
  message:
    "The root user's access key 1 is active. Delete it (`aws iam delete-access-key --access-key-id <id of key 1>`)."
}

const report = (findings: Finding[]): AuditReport =>
  auditReportWith(findings, {
    source: 'iam-api',
    sourceNotes: ['Read with the IAM API because the credential report was denied: <denied>'],
    dataAsOf: '2025-06-01T12:00:00.000Z',
    totals: {
      users: 7,
      activeKeys: 8,
      inactiveKeys: 1,
      bySeverity: { critical: 1, high: 0, medium: 0, low: 0 },
      byRule: {
        'cis-1.4-root-access-key': 1,
        'cis-1.14-key-expired': 0,
        'cis-1.14-key-aging': 0,
        'cis-1.12-key-unused': 0,
        'cis-1.13-two-active-keys': 0
      },
      activeKeyAges: [
        { days: '0-30', keys: 4 },
        { days: '31-60', keys: 0 },
        { days: '61-90', keys: 1 },
        { days: '91-180', keys: 2 },
        { days: '181-365', keys: 0 },
        { days: '366+', keys: 1 }
      ]
    }
  })

const writeAuditSummary = (audit: AuditReport, reportPath: string) =>
  writeJobSummary(() => renderAuditSummary(audit, reportPath))

describe('audit-summary', () => {
  beforeEach(() => {
    process.env.GITHUB_STEP_SUMMARY = file
    writeFileSync(file, '')
    core.summary.emptyBuffer()
  })
  afterAll(() => {
    delete process.env.GITHUB_STEP_SUMMARY
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows totals, findings and the source note, escaping what HTML would swallow', async () => {
    await writeAuditSummary(report([rootFinding]), '/tmp/key-audit.json')
    const html = readFileSync(file, 'utf8')
    expect(html).toContain('<h2>Access key audit of account 123456789012</h2>')
    expect(html).toContain('IAM API (ListUsers, ListAccessKeys, GetAccessKeyLastUsed)')
    expect(html).toContain('credential report was denied: &lt;denied&gt;')
    expect(html).toContain('<td>&lt;root_account&gt;</td>')
    expect(html).toContain('<code>aws iam delete-access-key --access-key-id &lt;id of key 1&gt;</code>')
    expect(html).toMatch(/<td>7<\/td><td>8<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>0<\/td>/)
    expect(html).toContain('<td>2025-05-29</td>')
    expect(html).toContain(renderHistogram(report([]).totals.activeKeyAges))
  })

  it('says so when there is nothing to fix', async () => {
    await writeAuditSummary(report([]), '/tmp/key-audit.json')
    expect(readFileSync(file, 'utf8')).toContain('No findings.')
  })

  it(`lists at most ${SUMMARY_FINDING_ROWS} findings and points to the report for the rest`, async () => {
    const many = Array.from({ length: SUMMARY_FINDING_ROWS + 23 }, (_, i) => ({
      ...rootFinding,
      user: `u${i}`
    }))
    await writeAuditSummary(report(many), '/tmp/key-audit.json')
    const html = readFileSync(file, 'utf8')
    expect(html.match(/<td>🔴 critical<\/td>/g)).toHaveLength(SUMMARY_FINDING_ROWS)
    expect(html).toContain('…and 23 more in the report (/tmp/key-audit.json)')
  })

  it('writes nothing outside a runner', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await writeAuditSummary(report([rootFinding]), '/tmp/key-audit.json')
    expect(readFileSync(file, 'utf8')).toBe('')
  })

  it('draws the histogram to scale, with a sliver for small non-zero counts', () => {
    const text = renderHistogram([
      { days: '0-30', keys: 400 },
      { days: '31-60', keys: 1 },
      { days: '366+', keys: 0 }
    ])
    const lines = text.split('\n')
    expect(lines[0]).toBe(` 0-30 days │ ${'█'.repeat(40)} 400`)
    expect(lines[1]).toBe(`31-60 days │ ▏${' '.repeat(39)} 1`)
    expect(lines[2]).toBe(` 366+ days │ ${' '.repeat(40)} 0`)
  })
})
