// Key age exactly on the default thresholds (warn-key-age-days 75, max-key-age-days 90), end to end.
// docs/architecture.md ("Key age"): older than warn → warning; older than max → expired. So 75 is ok, 76 warns, 90 still only
// warns and 91 is expired; a key idle for 45 days is not unused (unused-key-days 45), one idle for 46
// is. The seeds sit on both sides of each boundary, so an off-by-one in any comparison (the check's or
// the audit's) fails here.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { loadSeed, seedKey } from '../../test/fake-aws/index.js'
import { runMain, type RunResult } from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { expectCleanFailure } from '../../test/runner/expect-clean-failure.js'

const seed = loadSeed('key-age-boundaries')
const { fake } = useFakeAws(seed)

function run(user: string, extra: Record<string, string> = {}): Promise<RunResult> {
  const key = seedKey(seed, user)
  return runMain({
    inputs: {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': key.id,
      'aws-secret-access-key': key.secret,
      checks: 'identity,key-age',
      ...extra
    },
    env: fake.env()
  })
}

describe('key-age check on the default thresholds', () => {
  it('75 days: ok, no warning, exported', async () => {
    const result = await run('age-75')
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([])
    expect(result.outputs).toMatchObject({ 'key-age-days': '75', 'key-status': 'ok' })
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe(seedKey(seed, 'age-75').id)
  })

  it('76 days: warning past warn-key-age-days, still exported', async () => {
    const result = await run('age-76')
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'key-age-days': '76', 'key-status': 'warning' })
    expect(result.warnings).toEqual([expect.stringContaining('is 76 days old, past warn-key-age-days (75)')])
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe(seedKey(seed, 'age-76').id)
  })

  it('90 days: still a warning, not expired', async () => {
    const result = await run('age-90')
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'key-age-days': '90', 'key-status': 'warning' })
    expect(result.warnings).toEqual([expect.stringContaining('is 90 days old, past warn-key-age-days (75)')])
  })

  it('91 days: expired past max-key-age-days, fails and exports nothing', async () => {
    const result = await run('age-91')
    const error = expectCleanFailure(result, [seedKey(seed, 'age-91').secret])
    expect(error).toContain('is 91 days old, past max-key-age-days (90, CIS 1.14)')
    expect(result.outputs).toMatchObject({ 'key-age-days': '91', 'key-status': 'expired' })
  })
})

describe('account audit on the default thresholds', () => {
  it('flags 76 and 90 days as aging, 91 as expired, not 75; unused after 46 idle days, not 45', async () => {
    const result = await run('boundary-auditor', {
      checks: 'identity',
      'audit-scope': 'account',
      'report-path': 'key-audit.json',
      'fail-on-findings': 'false'
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const report = JSON.parse(readFileSync(result.outputs['report-path']!, 'utf8')) as {
      findings: { user: string; rule: string; severity: string; ageDays: number | null }[]
    }
    expect(report.findings.map(f => [f.user, f.rule, f.severity, f.ageDays])).toEqual([
      ['age-91', 'cis-1.14-key-expired', 'high', 91],
      ['age-90', 'cis-1.14-key-aging', 'medium', 90],
      ['age-76', 'cis-1.14-key-aging', 'medium', 76],
      ['idle-46', 'cis-1.12-key-unused', 'medium', 60]
    ])
  })
})
