import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeMergedReport } from '../../src/effects/write-merged-report.js'
import {
  organizationTotals,
  type OrganizationFinding,
  type OrganizationReport
} from '../../src/audit/organization/organization-report.js'

const dir = mkdtempSync(join(tmpdir(), 'merged-report-'))
process.env.GITHUB_WORKSPACE = dir
afterAll(() => {
  delete process.env.GITHUB_WORKSPACE
  rmSync(dir, { recursive: true, force: true })
})

function report(findingCount: number): OrganizationReport {
  const accounts = [{ id: '210987654321', name: 'prod "eu"', status: 'audited' as const, totals: null }]
  const findings: OrganizationFinding[] = Array.from({ length: findingCount }, (_, i) => ({
    account: '210987654321',
    accountName: 'prod "eu"',
    user: `user-${i}`,
    accessKeyId: 'key 1',
    rule: 'cis-1.12-key-unused',
    severity: 'medium',
    ageDays: i,
    lastUsed: null,
    message: `Line one\nand a "quote" ${i}`
  }))
  return {
    scope: 'organization',
    generatedAt: '2025-06-01T12:00:00.000Z',
    organization: 'o-abc',
    shards: 2,
    accountsListed: 1,
    thresholds: { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 },
    totals: organizationTotals(accounts, findings),
    accounts,
    findings
  }
}

describe('writeMergedReport', () => {
  it.each([0, 1, 1234])('writes JSON that reads back as the report (%i findings, over batches)', async n => {
    const path = await writeMergedReport(join('nested', `merged-${n}.json`), report(n))
    expect(path).toBe(join(dir, 'nested', `merged-${n}.json`))
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(report(n))
  })
})
