import { describe, expect, it } from '@jest/globals'
import { evaluateKeys, RULES, wholeDays, type RuleId } from '../../src/audit/cis-rules.js'
import type { KeyRecord } from '../../src/audit/key-record.js'

const NOW = new Date('2025-06-01T12:00:00Z')
const DAY = 86_400_000
const thresholds = { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 }

function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * DAY)
}

interface KeySpec {
  age: number
  /** Omitted: never used. */
  usedDaysAgo?: number
  active?: boolean
  user?: string
  label?: string
  root?: boolean
}

function key({
  age,
  usedDaysAgo,
  active = true,
  user = 'alice',
  label = 'AKIA…ABCD',
  root = false
}: KeySpec): KeyRecord {
  return {
    user: root ? '<root_account>' : user,
    root,
    keyLabel: label,
    active,
    createdAt: daysAgo(age),
    ...(usedDaysAgo === undefined ? {} : { lastUsedAt: daysAgo(usedDaysAgo), lastUsedService: 's3' })
  }
}

function rulesFor(...keys: KeyRecord[]): RuleId[] {
  return evaluateKeys({ keys }, thresholds, NOW)
    .map(f => f.rule)
    .sort()
}

describe('cis-rules', () => {
  it.each<[string, KeySpec, RuleId[]]>([
    ['a fresh, recently used key', { age: 10, usedDaysAgo: 1 }, []],
    ['exactly warn-key-age-days old', { age: 75, usedDaysAgo: 1 }, []],
    ['one day over warn-key-age-days', { age: 76, usedDaysAgo: 1 }, ['cis-1.14-key-aging']],
    ['exactly max-key-age-days old', { age: 90, usedDaysAgo: 1 }, ['cis-1.14-key-aging']],
    ['one day over max-key-age-days', { age: 91, usedDaysAgo: 1 }, ['cis-1.14-key-expired']],
    ['last used exactly unused-key-days ago', { age: 60, usedDaysAgo: 45 }, []],
    ['last used one day over unused-key-days ago', { age: 60, usedDaysAgo: 46 }, ['cis-1.12-key-unused']],
    ['never used, exactly unused-key-days old', { age: 45 }, []],
    ['never used, one day over unused-key-days old', { age: 46 }, ['cis-1.12-key-unused']],
    ['never used and a day old (a rotation in progress)', { age: 1 }, []],
    ['expired and unused', { age: 100, usedDaysAgo: 60 }, ['cis-1.12-key-unused', 'cis-1.14-key-expired']],
    ['inactive, expired and never used', { age: 500, active: false }, []],
    [
      'an active root key, fresh and used',
      { age: 3, usedDaysAgo: 0, root: true, label: 'key 1' },
      ['cis-1.4-root-access-key']
    ],
    [
      'an active root key, old and unused: only the root finding',
      { age: 400, root: true, label: 'key 1' },
      ['cis-1.4-root-access-key']
    ],
    ['an inactive root key', { age: 400, root: true, active: false, label: 'key 2' }, []]
  ])('%s', (_case, spec, expected) => {
    expect(rulesFor(key(spec))).toEqual(expected)
  })

  it('moves with the thresholds it is given', () => {
    const tight = { warnKeyAgeDays: 10, maxKeyAgeDays: 20, unusedKeyDays: 5 }
    const rules = evaluateKeys({ keys: [key({ age: 21, usedDaysAgo: 6 })] }, tight, NOW).map(f => f.rule)
    expect(rules.sort()).toEqual(['cis-1.12-key-unused', 'cis-1.14-key-expired'])
  })

  it('reports a user with two active keys once, on the older key', () => {
    const findings = evaluateKeys(
      {
        keys: [
          key({ age: 2, label: 'AKIA…NEW1' }),
          key({ age: 30, usedDaysAgo: 2, label: 'AKIA…OLD1' }),
          key({ age: 30, usedDaysAgo: 2, user: 'bob', label: 'AKIA…BOB1' })
        ]
      },
      thresholds,
      NOW
    )
    expect(findings).toEqual([
      expect.objectContaining({
        user: 'alice',
        rule: 'cis-1.13-two-active-keys',
        accessKeyId: 'AKIA…OLD1',
        ageDays: 30,
        severity: 'low'
      })
    ])
    expect(findings[0].message).toContain('AKIA…NEW1, 2 days old, never used')
  })

  it('does not count an inactive second key as a second active key', () => {
    expect(
      rulesFor(key({ age: 30, usedDaysAgo: 1 }), key({ age: 200, active: false, label: 'AKIA…OLD9' }))
    ).toEqual([])
  })

  it('reports a root key the IAM API only counted, with unknown age', () => {
    const [finding] = evaluateKeys({ keys: [], rootAccessKeysPresent: true }, thresholds, NOW)
    expect(finding).toMatchObject({
      user: '<root_account>',
      rule: 'cis-1.4-root-access-key',
      severity: 'critical',
      ageDays: null,
      lastUsed: null
    })
    expect(evaluateKeys({ keys: [], rootAccessKeysPresent: false }, thresholds, NOW)).toEqual([])
  })

  it('fills every field of a finding, with the fix in the message', () => {
    const [finding] = evaluateKeys({ keys: [key({ age: 120, usedDaysAgo: 3 })] }, thresholds, NOW)
    expect(finding).toEqual({
      user: 'alice',
      accessKeyId: 'AKIA…ABCD',
      rule: 'cis-1.14-key-expired',
      severity: 'high',
      ageDays: 120,
      lastUsed: daysAgo(3).toISOString(),
      message: expect.stringContaining('120 days old, over max-key-age-days (90)')
    })
    expect(finding.message).toContain('aws iam create-access-key --user-name alice')
    expect(finding.message).toContain('--access-key-id <id ending ABCD> --status Inactive')
  })

  it('tells how to find the id of a key known only by its credential report slot', () => {
    const [finding] = evaluateKeys({ keys: [key({ age: 50, label: 'key 2' })] }, thresholds, NOW)
    expect(finding.accessKeyId).toBe('key 2')
    expect(finding.message).toContain('Access key 2 of IAM user alice has never been used in the 50 days')
    expect(finding.message).toContain('aws iam list-access-keys --user-name alice')
    expect(finding.lastUsed).toBeNull()
  })

  it('gives each rule the documented severity', () => {
    expect(Object.fromEntries(Object.entries(RULES).map(([id, rule]) => [id, rule.severity]))).toEqual({
      'cis-1.4-root-access-key': 'critical',
      'cis-1.14-key-expired': 'high',
      'cis-1.14-key-aging': 'medium',
      'cis-1.12-key-unused': 'medium',
      'cis-1.13-two-active-keys': 'low'
    })
  })

  it('counts whole days, never negative', () => {
    expect(wholeDays(new Date(NOW.getTime() - DAY + 1), NOW)).toBe(0)
    expect(wholeDays(daysAgo(1), NOW)).toBe(1)
    expect(wholeDays(new Date(NOW.getTime() + DAY), NOW)).toBe(0)
  })
})
