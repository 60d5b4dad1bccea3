import { describe, expect, it } from '@jest/globals'
import { buildAuditReport } from '../../../src/audit/audit-report.js'
import { evaluateKeys } from '../../../src/audit/cis-rules.js'
import { mergeShardReports } from '../../../src/audit/organization/merge-reports.js'
import {
  buildOrganizationReport,
  type AccountResult
} from '../../../src/audit/organization/organization-report.js'
import { selectShard } from '../../../src/audit/organization/shard.js'

const NOW = new Date('2025-06-01T12:00:00Z')
const thresholds = { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 }
const DAY = 86_400_000

/** An account with `n` keys aged 100, 80, … days (findings vary by account). */
function accountResult(id: string, n: number): AccountResult {
  const keys = Array.from({ length: n }, (_, i) => ({
    user: `user-${i}`,
    root: false,
    keyLabel: 'key 1',
    active: true,
    createdAt: new Date(NOW.getTime() - (100 - i * 20) * DAY),
    lastUsedAt: NOW
  }))
  const inventory = { source: 'credential-report' as const, users: n, keys, asOf: NOW, notes: [] }
  const report = buildAuditReport({
    inventory,
    findings: evaluateKeys(inventory, thresholds, NOW),
    account: id,
    thresholds,
    now: NOW
  })
  return { id, name: `name-${id}`, report }
}

const results: AccountResult[] = [
  ...Array.from({ length: 9 }, (_, i) => accountResult(String(200000000000 + i), i % 4)),
  {
    id: '299999999999',
    name: 'locked',
    reason: 'could not assume the role: AccessDenied.',
    fix: 'Create it.'
  }
]

function shardReports(
  count: number,
  options: { thresholds?: typeof thresholds; organization?: string } = {}
) {
  return Array.from({ length: count }, (_, i) => ({
    path: `shard-${i + 1}/report.json`,
    report: buildOrganizationReport({
      organization: options.organization ?? 'o-abc',
      shard: `${i + 1}/${count}`,
      accountsListed: results.length,
      thresholds: options.thresholds ?? thresholds,
      now: NOW,
      results: selectShard(results, { index: i + 1, count })
    }) as unknown
  }))
}

const whole = buildOrganizationReport({
  organization: 'o-abc',
  shard: '1/1',
  accountsListed: 10,
  thresholds,
  now: NOW,
  results
})

describe('mergeShardReports', () => {
  it('gives the same findings, accounts and totals as one unsharded report', () => {
    const merged = mergeShardReports(shardReports(3), NOW)
    expect(merged.findings).toEqual(whole.findings)
    expect(merged.accounts).toEqual(whole.accounts)
    expect(merged.totals).toEqual(whole.totals)
    expect(merged.totals.byRule['account-not-audited']).toBe(1)
    expect(merged).toMatchObject({ organization: 'o-abc', shards: 3, accountsListed: 10 })
    expect(merged.shard).toBeUndefined()
  })

  it('names the missing shards', () => {
    const [one, , three] = shardReports(4)
    expect(() => mergeShardReports([one!, three!], NOW)).toThrow(/shard\(s\) 2\/4, 4\/4 of 4 are missing/)
  })

  it('names a duplicate shard and both files', () => {
    const shards = shardReports(2)
    const copy = { ...shards[0]!, path: 'again/report.json' }
    expect(() => mergeShardReports([...shards, copy], NOW)).toThrow(
      'shard(s) 1/2 appear more than once: shard-1/report.json (1/2), again/report.json (1/2)'
    )
  })

  it('refuses shards of other organizations, thresholds or shard counts', () => {
    const [a] = shardReports(2)
    const [, b] = shardReports(2, { organization: 'o-other' })
    expect(() => mergeShardReports([a!, b!], NOW)).toThrow(/different organizations \(o-abc, o-other\)/)
    const [, c] = shardReports(2, { thresholds: { ...thresholds, maxKeyAgeDays: 120 } })
    expect(() => mergeShardReports([a!, c!], NOW)).toThrow(
      /shard-2\/report.json \(2\/2\) used other thresholds/
    )
    const [, d] = shardReports(3)
    expect(() => mergeShardReports([a!, d!], NOW)).toThrow(/split the organization differently/)
  })

  it('refuses files that are not shard reports, and an empty set', () => {
    expect(() =>
      mergeShardReports([{ path: 'x.json', report: { account: '1', findings: [] } }], NOW)
    ).toThrow('x.json is not a shard report of an organization audit')
    expect(() => mergeShardReports([], NOW)).toThrow('the reports input matched no files')
  })
})
