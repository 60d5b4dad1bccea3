import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../../__fixtures__/core.js'
import {
  organizationTotals,
  type OrganizationFinding,
  type OrganizationReport
} from '../../src/audit/organization/organization-report.js'

jest.unstable_mockModule('@actions/core', () => core)
const { writeReport } = await import('../../src/effects/write-report.js')

const dir = mkdtempSync(join(tmpdir(), 'write-report-'))
process.env.GITHUB_WORKSPACE = dir
afterAll(() => {
  delete process.env.GITHUB_WORKSPACE
  rmSync(dir, { recursive: true, force: true })
})

function organizationReport(findingCount: number): OrganizationReport {
  const accounts = [{ id: '210987654321', name: 'prod', status: 'audited' as const, totals: null }]
  const findings: OrganizationFinding[] = Array.from({ length: findingCount }, (_, i) => ({
    account: '210987654321',
    accountName: 'prod',
    user: `user-${i}`,
    accessKeyId: 'AKIA…7EXA',
    rule: 'cis-1.12-key-unused',
    severity: 'medium',
    ageDays: i,
    lastUsed: null,
    message: `Access key of user-${i} is unused.`
  }))
  return {
    scope: 'organization',
    generatedAt: '2025-06-01T12:00:00.000Z',
    organization: 'o-abc',
    shard: '1/1',
    accountsListed: 1,
    thresholds: { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 },
    totals: organizationTotals(accounts, findings),
    accounts,
    findings
  }
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n')

describe('writeReport', () => {
  beforeEach(() => core.reset())

  it('pretty-prints an account or validation report and sets report-path', async () => {
    const report = { scope: 'account', totals: { findings: 1 }, findings: [{ user: 'a', ageDays: 3 }] }
    await writeReport('out/account.json', report)
    const path = join(dir, 'out', 'account.json')
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(report, null, 2)}\n`)
    expect(core.calls).toContainEqual({ fn: 'setOutput', args: ['report-path', path] })
  })

  it('streams an organization report one finding per line, reading back as the report', async () => {
    const report = organizationReport(1200)
    await writeReport('org.json', report)
    const path = join(dir, 'org.json')
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(report)
    // One line per finding (not one per field): what keeps the write from building the file in memory.
    expect(lines(path).length).toBeLessThan(2 * 1200)
    expect(core.calls).toContainEqual({ fn: 'setOutput', args: ['report-path', path] })
  })
})
