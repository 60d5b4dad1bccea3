// The validation checks and key-age enforcement through the bundle, against the signature-checking fake.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSeed, seedKey, startFakeAws } from '../../test/fake-aws/index.js'
import { assertNoSecretLeaks, REPO_ROOT, runMain, type RunResult } from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const seed = loadSeed()
const ACCOUNT = '123456789012'
const enabledRegions = seed.regions
  .filter(r => r.optInStatus !== 'not-opted-in')
  .map(r => r.name)
  .sort()
const { fake } = useFakeAws(seed)

async function run(user: string, extra: Record<string, string> = {}, env = fake.env()): Promise<RunResult> {
  const key = seedKey(seed, user)
  const result = await runMain({
    inputs: {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': key.id,
      'aws-secret-access-key': key.secret,
      ...extra
    },
    env
  })
  // Every run: the secret appears nowhere before its ::add-mask::, and never in the summary or outputs.
  assertNoSecretLeaks(result, [key.secret])
  return result
}

function checks(result: RunResult): Record<string, string> {
  const list = JSON.parse(result.outputs.checks ?? '[]') as { name: string; status: string }[]
  return Object.fromEntries(list.map(c => [c.name, c.status]))
}

describe('validation checks', () => {
  it('passes every check for a fresh admin key, with outputs exact against the seed', async () => {
    const result = await run('admin')
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      'aws-account-id': ACCOUNT,
      'aws-arn': `arn:aws:iam::${ACCOUNT}:user/admin`,
      regions: JSON.stringify(enabledRegions),
      'region-count': String(enabledRegions.length),
      'iam-user-count': String(seed.users.length),
      'key-age-days': '10',
      'key-status': 'ok'
    })
    expect(checks(result)).toEqual({ identity: 'pass', regions: 'pass', users: 'pass', 'key-age': 'pass' })
    expect(result.summary).toContain('Access key age')
    expect(result.summary).toContain('🟩')
    assertNoSecretLeaks(result, [seedKey(seed, 'admin').secret])
  })

  it('starts all four calls at once: the stored-key critical path is one round trip', async () => {
    fake.latencyMs = 150
    await run('admin')
    const actions = fake.requests.map(r => r.action).sort()
    expect(actions).toEqual(['DescribeRegions', 'GetCallerIdentity', 'ListAccessKeys', 'ListUsers'])
    expect(fake.sequentialRoundTrips()).toBe(1)
  })

  it('sends GetCallerIdentity first, while the checks and the IAM and EC2 clients still load', async () => {
    fake.latencyMs = 150
    await run('admin')
    const [first, ...rest] = [...fake.requests].sort((a, b) => a.startMs - b.startMs)
    expect(first!.action).toBe('GetCallerIdentity')
    expect(Math.min(...rest.map(r => r.startMs))).toBeGreaterThan(first!.startMs)
    // Ahead, not before: the others leave while it is still out, so the path is still one round trip.
    expect(fake.sequentialRoundTrips()).toBe(1)
  })

  it('warns about an 80-day key, naming its age and how to rotate, and still exports', async () => {
    const result = await run('aging')
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'key-age-days': '80', 'key-status': 'warning' })
    expect(result.warnings).toEqual([expect.stringContaining('is 80 days old, past warn-key-age-days (75)')])
    expect(result.warnings[0]).toContain('aws iam create-access-key --user-name aging')
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe(seedKey(seed, 'aging').id)
    expect(result.summary).toContain('🟨')
  })

  it('fails a 100-day key with one error, exports nothing, and still sets the outputs', async () => {
    const result = await run('stale')
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('is 100 days old, past max-key-age-days (90, CIS 1.14)')
    expect(result.errors[0]).toContain('aws iam delete-access-key')
    expect(result.exportedEnv).toEqual({})
    expect(result.outputs).toMatchObject({
      'key-age-days': '100',
      'key-status': 'expired',
      'aws-account-id': ACCOUNT
    })
    expect(checks(result)['key-age']).toBe('fail')
    assertNoSecretLeaks(result, [seedKey(seed, 'stale').secret])
  })

  it('lets a 100-day key through with a warning when enforce-key-age is false', async () => {
    const result = await run('stale', { 'enforce-key-age': 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['key-status']).toBe('expired')
    expect(result.warnings).toEqual([expect.stringContaining('100 days old')])
    expect(result.exportedEnv.AWS_SECRET_ACCESS_KEY).toBe(seedKey(seed, 'stale').secret)
  })

  it('honours custom thresholds', async () => {
    const result = await run('admin', { 'warn-key-age-days': '5', 'max-key-age-days': '9' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['key-status']).toBe('expired')
  })

  it('passes a least-privilege identity with one warning per denied action and a policy to fix it', async () => {
    const result = await run('reader')
    expect(result.exitCode).toBe(0)
    expect(checks(result)).toEqual({
      identity: 'pass',
      regions: 'denied',
      users: 'denied',
      'key-age': 'denied'
    })
    expect(result.outputs['key-status']).toBe('unknown')
    expect(result.warnings).toHaveLength(3)
    for (const action of ['ec2:DescribeRegions', 'iam:ListUsers', 'iam:ListAccessKeys']) {
      expect(result.warnings.join('\n')).toContain(`lacks ${action}`)
      expect(result.warnings.join('\n')).toContain(`"Action":"${action}"`)
    }
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe(seedKey(seed, 'reader').id)
  })

  it('fails a least-privilege identity with fail-on-denied, in one error line', async () => {
    const result = await run('reader', { 'fail-on-denied': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('lacks iam:ListUsers')
    expect(result.exportedEnv).toEqual({})
  })

  it('retries a throttled DescribeRegions and passes', async () => {
    fake.inject('ec2:DescribeRegions', { code: 'RequestLimitExceeded', times: 2 })
    const result = await run('admin')
    expect(result.exitCode).toBe(0)
    expect(checks(result).regions).toBe('pass')
    expect(fake.requests.filter(r => r.action === 'DescribeRegions')).toHaveLength(3)
  })

  it('runs only the checks asked for', async () => {
    const result = await run('admin', { checks: 'regions' })
    expect(checks(result)).toEqual({ identity: 'pass', regions: 'pass' })
    expect(fake.requests.map(r => r.action).sort()).toEqual(['DescribeRegions', 'GetCallerIdentity'])
    expect(result.outputs['key-status']).toBe('unknown')
    expect(result.outputs['iam-user-count']).toBeUndefined()
  })

  it('warns about a second active key (CIS 1.13)', async () => {
    const result = await run('rotating')
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([expect.stringContaining('CIS 1.13')])
  })

  it('writes the caller report to report-path', async () => {
    const result = await run('aging', { 'report-path': 'out/validation.json' })
    const report = JSON.parse(readFileSync(result.outputs['report-path']!, 'utf8'))
    expect(report).toMatchObject({
      scope: 'caller',
      account: ACCOUNT,
      result: 'pass',
      keyStatus: 'warning',
      keyAgeDays: 80
    })
    expect(JSON.stringify(report)).not.toContain(seedKey(seed, 'aging').secret)
  })
})

describe('partitions', () => {
  it("prints a denied check's statement in the identity's partition (aws-us-gov)", async () => {
    // The same users and keys, in a GovCloud account.
    const gov = await startFakeAws({ ...loadSeed(), partition: 'aws-us-gov' })
    try {
      const result = await run(
        'reader',
        { 'aws-region': 'us-gov-west-1', checks: 'identity,key-age' },
        gov.env()
      )
      expect(result.exitCode).toBe(0)
      expect(result.outputs['aws-arn']).toBe(`arn:aws-us-gov:iam::${ACCOUNT}:user/reader`)
      expect(result.warnings).toEqual([
        expect.stringContaining(
          '"Action":"iam:ListAccessKeys","Resource":"arn:aws-us-gov:iam::*:user/${aws:username}"'
        )
      ])
      expect(`${result.stdout}${result.summary}`).not.toMatch(/arn:aws:/)
    } finally {
      await gov.close()
    }
  })
})

describe('bundle', () => {
  it('keeps the IAM and EC2 clients out of the main bundle, in lazily loaded chunks', () => {
    const dist = join(REPO_ROOT, 'dist')
    const main = readFileSync(join(dist, 'index.js'), 'utf8')
    const chunks = readdirSync(dist).filter(f => /^\d+\.index\.js$/.test(f))
    expect(chunks.length).toBeGreaterThanOrEqual(2)
    // Operations we never call but whose models come with each client.
    expect(main).not.toContain('ListVirtualMFADevices')
    expect(main).not.toContain('DescribeVpcs')
  })
})
