import { describe, expect, it } from '@jest/globals'
import { buildAuditReport, serializeReport, sortFindings } from '../../src/audit/audit-report.js'
import { evaluateKeys, type Finding } from '../../src/audit/cis-rules.js'
import type { KeyInventory, KeyRecord } from '../../src/audit/key-record.js'

const NOW = new Date('2025-06-01T12:00:00Z')
const DAY = 86_400_000
const thresholds = { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 }

function key(user: string, age: number, usedDaysAgo?: number, active = true): KeyRecord {
  return {
    user,
    root: false,
    keyLabel: `AKIA…${user.slice(0, 4).toUpperCase()}`,
    active,
    createdAt: new Date(NOW.getTime() - age * DAY),
    ...(usedDaysAgo === undefined ? {} : { lastUsedAt: new Date(NOW.getTime() - usedDaysAgo * DAY) })
  }
}

const inventory: KeyInventory = {
  source: 'credential-report',
  users: 6,
  keys: [
    key('fresh', 5, 1),
    key('aging', 80, 1),
    key('stale', 100, 60),
    key('older', 400, 2),
    key('idle', 30),
    key('gone', 700, 420, false),
    { ...key('<root_account>', 1000, 3), root: true, keyLabel: 'key 1' }
  ],
  asOf: new Date('2025-06-01T11:00:00Z'),
  notes: ['IAM credential report generated 2025-06-01T11:00:00Z']
}

function report() {
  return buildAuditReport({
    inventory,
    findings: evaluateKeys(inventory, thresholds, NOW),
    account: '123456789012',
    thresholds,
    now: NOW
  })
}

describe('audit-report', () => {
  it('counts users, keys and findings by severity and rule', () => {
    expect(report().totals).toEqual({
      users: 6,
      activeKeys: 6,
      inactiveKeys: 1,
      findings: 5,
      bySeverity: { critical: 1, high: 2, medium: 2, low: 0 },
      byRule: {
        'cis-1.4-root-access-key': 1,
        'cis-1.14-key-expired': 2,
        'cis-1.14-key-aging': 1,
        'cis-1.12-key-unused': 1,
        'cis-1.13-two-active-keys': 0
      },
      activeKeyAges: [
        { days: '0-30', keys: 2 },
        { days: '31-60', keys: 0 },
        { days: '61-90', keys: 1 },
        { days: '91-180', keys: 1 },
        { days: '181-365', keys: 0 },
        { days: '366+', keys: 2 }
      ]
    })
  })

  it('sorts findings by severity, then oldest key first', () => {
    expect(report().findings.map(f => [f.severity, f.user, f.ageDays])).toEqual([
      ['critical', '<root_account>', 1000],
      ['high', 'older', 400],
      ['high', 'stale', 100],
      ['medium', 'stale', 100],
      ['medium', 'aging', 80]
    ])
  })

  it('puts findings of unknown age last within their severity, and is stable on ties', () => {
    const base: Finding = {
      user: 'a',
      accessKeyId: 'key 1',
      rule: 'cis-1.4-root-access-key',
      severity: 'critical',
      ageDays: 3,
      lastUsed: null,
      message: ''
    }
    const sorted = sortFindings([
      { ...base, user: 'unknown', ageDays: null },
      { ...base, user: 'b' },
      { ...base, user: 'a' }
    ])
    expect(sorted.map(f => f.user)).toEqual(['a', 'b', 'unknown'])
  })

  it('serializes to the documented top-level shape, one finding shape throughout', () => {
    const parsed = JSON.parse(serializeReport(report()))
    expect(Object.keys(parsed)).toEqual([
      'generatedAt',
      'account',
      'source',
      'sourceNotes',
      'dataAsOf',
      'thresholds',
      'totals',
      'findings'
    ])
    expect(parsed).toMatchObject({
      generatedAt: '2025-06-01T12:00:00.000Z',
      account: '123456789012',
      source: 'credential-report',
      dataAsOf: '2025-06-01T11:00:00.000Z',
      thresholds
    })
    for (const finding of parsed.findings) {
      expect(Object.keys(finding)).toEqual([
        'user',
        'accessKeyId',
        'rule',
        'severity',
        'ageDays',
        'lastUsed',
        'message'
      ])
    }
  })
})
