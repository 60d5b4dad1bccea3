// The validations after identity (regions, users, key-age) through the bundle: key rotation
// thresholds, IAM denials, a second active key, and the one-round-trip critical path.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { loadSeed, seedKey, startFakeAws, type FakeAws } from '../../test/fake-aws/index.js'
import { assertNoSecretLeaks, runMain, type RunResult } from '../../test/runner/index.js'

const seed = loadSeed()
let fake: FakeAws

beforeAll(async () => {
  fake = await startFakeAws(seed)
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

async function run(user: string, extra: Record<string, string> = {}): Promise<RunResult> {
  const key = seedKey(seed, user)
  const result = await runMain({
    inputs: {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': key.id,
      'aws-secret-access-key': key.secret,
      ...extra
    },
    env: fake.env()
  })
  assertNoSecretLeaks(result, [key.secret])
  return result
}

const checks = (result: RunResult): Record<string, string> =>
  Object.fromEntries(
    (JSON.parse(result.outputs.checks ?? '[]') as { name: string; status: string }[]).map(c => [
      c.name,
      c.status
    ])
  )

describe('key age', () => {
  it('passes a fresh key with every check green', async () => {
    const result = await run('admin')
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([])
    expect(checks(result)).toEqual({ identity: 'pass', regions: 'pass', users: 'pass', 'key-age': 'pass' })
    expect(result.outputs).toMatchObject({
      'key-status': 'ok',
      'key-age-days': '10',
      'region-count': '5',
      'iam-user-count': '7'
    })
    expect(JSON.parse(result.outputs.regions!)).toEqual(
      expect.arrayContaining(['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'af-south-1'])
    )
    expect(JSON.parse(result.outputs.regions!)).not.toContain('ap-east-1')
  })

  it('warns about an 80-day key (past warn 75) with rotation steps, and still exports', async () => {
    const result = await run('aging')
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'key-status': 'warning', 'key-age-days': '80' })
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]).toMatch(/80 days/)
    expect(result.warnings[0]).toContain('AKIA…YS01')
    expect(result.warnings[0]).toMatch(/create-access-key/)
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe('AKIAAGINGKEY80DAYS01')
  })

  it('fails a 100-day key (past max 90): one error, nothing exported, outputs still set', async () => {
    const result = await run('stale')
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/100 days/)
    expect(result.errors[0]).toMatch(/90/)
    expect(result.exportedEnv).toEqual({})
    expect(result.outputs).toMatchObject({ 'key-status': 'expired', 'key-age-days': '100' })
  })

  it('lets an expired key through with enforce-key-age: false', async () => {
    const result = await run('stale', { 'enforce-key-age': 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['key-status']).toBe('expired')
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe('AKIASTALEKEY100DAYS1')
  })

  it('honours custom thresholds', async () => {
    const result = await run('aging', { 'warn-key-age-days': '30', 'max-key-age-days': '60' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['key-status']).toBe('expired')
  })

  it('warns about a second active key (CIS 1.13)', async () => {
    const result = await run('rotating')
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'key-status': 'ok', 'key-age-days': '30' })
    expect(result.warnings).toEqual([expect.stringContaining('AKIA…EW01')])
  })
})

describe('denied checks', () => {
  it('warns for each denied check, naming the exact IAM action, and succeeds', async () => {
    const result = await run('reader')
    expect(result.exitCode).toBe(0)
    expect(checks(result)).toEqual({
      identity: 'pass',
      regions: 'denied',
      users: 'denied',
      'key-age': 'denied'
    })
    expect(result.warnings).toHaveLength(3)
    for (const action of ['ec2:DescribeRegions', 'iam:ListUsers', 'iam:ListAccessKeys']) {
      expect(result.warnings.some(w => w.includes(action) && /"Effect":"Allow"/.test(w))).toBe(true)
    }
    expect(result.outputs['key-status']).toBe('unknown')
  })

  it('fails with fail-on-denied: true, exporting nothing', async () => {
    const result = await run('reader', { 'fail-on-denied': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.exportedEnv).toEqual({})
  })

  it('runs only the selected checks', async () => {
    const result = await run('reader', { checks: 'identity' })
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([])
    expect(fake.requests.map(r => r.action)).toEqual(['GetCallerIdentity'])
  })
})

describe('critical path', () => {
  it('starts all four calls at once with stored keys: one sequential round trip', async () => {
    fake.latencyMs = 250
    const result = await run('admin')
    expect(result.exitCode).toBe(0)
    expect(fake.requests.map(r => r.action).sort()).toEqual([
      'DescribeRegions',
      'GetCallerIdentity',
      'ListAccessKeys',
      'ListUsers'
    ])
    expect(fake.sequentialRoundTrips()).toBe(1)
  })
})
