// Key rotation through the bundled action: the fake AWS (IAM key lifecycle, propagation delay) and the
// fake GitHub secrets API (real sealed boxes). Assertions read the decrypted secrets and the live IAM
// state, never just "a request was made".
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSeed, sdkConfig } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { addLiveKey, addRotatingUser } from '../../test/fake-aws/rotation-users.js'
import {
  FAKE_GITHUB_TOKEN,
  assertNoSecretLeaks,
  runMain,
  summaryToText,
  type RunResult
} from '../../test/runner/index.js'
import { startFakeGithubSecrets, type FakeGithubSecrets } from '../../test/fake-github/secrets-server.js'

const seed = loadSeed()
const rotator = addRotatingUser(seed, 'rotator', { keyAgeDays: 100 })
const noUpdate = addRotatingUser(seed, 'no-update', { keyAgeDays: 100, without: ['iam:UpdateAccessKey'] })
const OLD = { id: rotator.accessKeys[0]!.id, secret: rotator.accessKeys[0]!.secret }
const { fake } = useFakeAws(seed)

const WRITE_TOKEN = 'github_pat_rotationWriteToken000000000000'
const READ_TOKEN = 'github_pat_rotationReadOnlyToken00000000'
const HERE = 'octo-org/octo-repo'
const OTHER = 'octo-org/other-repo'
let github: FakeGithubSecrets

beforeAll(async () => {
  github = await startFakeGithubSecrets({
    tokens: { [WRITE_TOKEN]: 'write', [READ_TOKEN]: 'read', [FAKE_GITHUB_TOKEN]: 'none' },
    repositories: [HERE, OTHER],
    environments: [`${HERE}:prod`]
  })
})
afterAll(() => github.close())

/** Seeds the secrets of every scope with a user's current key, as a person would have stored them. */
function storeKey(key: { id: string; secret: string }): void {
  for (const scope of [`repo:${HERE}`, `repo:${OTHER}`, `env:${HERE}:prod`, 'org:octo-org']) {
    github.setSecret(scope, 'AWS_ACCESS_KEY_ID', key.id, scope.startsWith('org') ? 'selected' : undefined)
    github.setSecret(
      scope,
      'AWS_SECRET_ACCESS_KEY',
      key.secret,
      scope.startsWith('org') ? 'selected' : undefined
    )
  }
}

beforeEach(() => {
  github.reset()
  storeKey(OLD)
  fake.keyPropagationMs = 300
})

const rotate = (extra: Record<string, string> = {}, key = OLD): Promise<RunResult> =>
  runMain({
    inputs: {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': key.id,
      'aws-secret-access-key': key.secret,
      'rotate-key': 'expired',
      'rotate-repositories': OTHER,
      'github-token': WRITE_TOKEN,
      'retry-max-attempts': '2',
      ...extra
    },
    env: { ...fake.env(), GITHUB_API_URL: github.url }
  })

/** Every secret the fake AWS ever issued must stay out of logs, summary, outputs and state. */
function expectNoLeaks(result: RunResult, extra: string[] = []): void {
  const secrets = [OLD.secret, noUpdate.accessKeys[0]!.secret, WRITE_TOKEN, ...extra]
  const created = fake.createdKeys.map(k => k.secret)
  expect(fake.createdKeys.every(k => result.masks.includes(k.secret) && result.masks.includes(k.id))).toBe(
    true
  )
  assertNoSecretLeaks(result, [...secrets, ...created], {})
}

const stored = (scope: string, name: string) => github.secret(scope, name)?.value
const userKeys = (name = 'rotator') =>
  fake.account.usersByName.get(name)!.accessKeys.map(k => ({ id: k.id, status: k.status }))
const IAM_CHANGES = new Set(['CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey'])
const authenticates = async (key: { id: string; secret: string }) =>
  (await new STSClient(sdkConfig(fake, key)).send(new GetCallerIdentityCommand({}))).Arn

/** The full rollback: old key alone and active and working, every secret decrypts to the old values. */
async function expectRolledBack(result: RunResult): Promise<string> {
  expect(result.exitCode).toBe(1)
  expect(result.errors).toHaveLength(1)
  expect(result.exportedEnv).toEqual({})
  expect(result.outputs.rotated).toBe('false')
  expect(userKeys()).toEqual([{ id: OLD.id, status: 'Active' }])
  await expect(authenticates(OLD)).resolves.toContain(':user/rotator')
  for (const scope of [`repo:${HERE}`, `repo:${OTHER}`]) {
    expect(stored(scope, 'AWS_ACCESS_KEY_ID')).toBe(OLD.id)
    expect(stored(scope, 'AWS_SECRET_ACCESS_KEY')).toBe(OLD.secret)
  }
  expectNoLeaks(result)
  return result.errors[0]!
}

describe('key rotation (rotate-key)', () => {
  it('rotates an expired key: new key proven, secrets updated, old key retired, step passes on the new key', async () => {
    fake.keyPropagationMs = 1500
    // aws-profile turns the environment export off unless asked for (as configure-aws-credentials).
    const result = await rotate({
      'report-path': 'validation.json',
      'aws-profile': 'deploy',
      'output-env-credentials': 'true'
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const created = fake.createdKeys[0]!
    expect(fake.createdKeys).toHaveLength(1)
    // IAM: the new key is active, the old one inactive.
    expect(userKeys()).toEqual([
      { id: OLD.id, status: 'Inactive' },
      { id: created.id, status: 'Active' }
    ])
    // Both repositories' secrets decrypt to the new key.
    for (const scope of [`repo:${HERE}`, `repo:${OTHER}`]) {
      expect(stored(scope, 'AWS_ACCESS_KEY_ID')).toBe(created.id)
      expect(stored(scope, 'AWS_SECRET_ACCESS_KEY')).toBe(created.secret)
    }
    // Other scopes were not touched.
    expect(stored(`env:${HERE}:prod`, 'AWS_ACCESS_KEY_ID')).toBe(OLD.id)
    // The job gets the new key, judged as new: the expired key no longer fails the step.
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe(created.id)
    expect(result.exportedEnv.AWS_SECRET_ACCESS_KEY).toBe(created.secret)
    const profile = readFileSync(join(result.job.home, '.aws', 'credentials'), 'utf8')
    expect(profile).toContain(`aws_access_key_id = ${created.id}`)
    expect(profile).toContain(`aws_secret_access_key = ${created.secret}`)
    expect(profile).not.toContain(OLD.secret)
    expect(result.outputs).toMatchObject({
      rotated: 'true',
      'rotated-key-id': `AKIA…${created.id.slice(-4)}`,
      'retired-key-id': `AKIA…${OLD.id.slice(-4)}`,
      'key-status': 'ok',
      'key-age-days': '0'
    })
    // The new key was used only once it authenticated: the wait retried through the propagation delay.
    const waits = fake.requests.filter(r => r.action === 'GetCallerIdentity' && r.accessKeyId === created.id)
    expect(waits.length).toBeGreaterThan(1)
    expect(waits.at(-1)!.status).toBe(200)
    const summary = summaryToText(result.summary)
    expect(summary).toContain('Key rotation')
    for (const step of [
      '1. Read targets and keys',
      '2. Create new key',
      '3. Wait until the new key works',
      '4. Write secrets',
      '5. Deactivate old key'
    ]) {
      expect(summary).toContain(step)
    }
    expectNoLeaks(result)
    const report = readFileSync(join(result.job.workspace, 'validation.json'), 'utf8')
    expect(report).toContain(`AKIA…${created.id.slice(-4)}`)
    for (const secret of [created.secret, created.id, OLD.secret]) expect(report).not.toContain(secret)
    // A later step with the exported credentials works; the old key does not.
    await expect(authenticates({ id: created.id, secret: created.secret })).resolves.toContain(
      ':user/rotator'
    )
    await expect(authenticates(OLD)).rejects.toThrow()
    const later = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': result.exportedEnv.AWS_ACCESS_KEY_ID!,
        'aws-secret-access-key': result.exportedEnv.AWS_SECRET_ACCESS_KEY!
      },
      env: fake.env()
    })
    expect(later.errors).toEqual([])
    expect(later.outputs['key-status']).toBe('ok')
    assertNoSecretLeaks(later, [created.secret])
    if (process.env.ROTATION_TIMELINE) console.log(summary)
  })

  it('does nothing when the key is not due, and says why', async () => {
    const result = await rotate({
      'rotate-key': 'expired',
      'max-key-age-days': '365',
      'warn-key-age-days': '300'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.rotated).toBe('false')
    expect(fake.requests.filter(r => IAM_CHANGES.has(r.action))).toEqual([])
    expect(github.requests.filter(r => r.method === 'PUT')).toEqual([])
    expect(summaryToText(result.summary)).toContain('rotates it once it is past max-key-age-days (365)')
    expectNoLeaks(result)
  })

  it('dry run prints the plan and the permissions and changes nothing', async () => {
    const result = await rotate({ 'rotate-dry-run': 'true' })
    expect(fake.requests.filter(r => IAM_CHANGES.has(r.action))).toEqual([])
    expect(github.requests.filter(r => r.method === 'PUT')).toEqual([])
    expect(result.outputs.rotated).toBe('false')
    expect(result.stdout).toContain('Plan: rotate')
    expect(result.stdout).toContain('iam:CreateAccessKey')
    expect(result.stdout).toContain('arn:aws:iam::*:user/${aws:username}')
    expect(result.stdout).toContain(`repository ${OTHER}: "Secrets" read and write`)
    // Still judged on the old, expired key.
    expect(result.exitCode).toBe(1)
    expect(userKeys()).toEqual([{ id: OLD.id, status: 'Active' }])
    expectNoLeaks(result)
  })

  it.each([
    ['the job token (cannot read secrets)', FAKE_GITHUB_TOKEN, 'HTTP 403'],
    ['a read-only token', READ_TOKEN, 'github-token cannot write']
  ])('a token that cannot write fails before any AWS change: %s', async (_, token, message) => {
    const result = await rotate({ 'github-token': token })
    expect(fake.requests.filter(r => IAM_CHANGES.has(r.action))).toEqual([])
    const error = await expectRolledBack(result)
    expect(error).toContain('Key rotation failed at step 1')
    expect(error).toContain(message)
    expect(error).toContain('Nothing changed')
  })

  it('step 2 fails (CreateAccessKey denied): nothing changed', async () => {
    fake.inject('iam:CreateAccessKey', { code: 'AccessDenied' })
    const error = await expectRolledBack(await rotate())
    expect(error).toContain('step 2. Create new key')
    expect(error).toContain('Nothing changed')
  })

  it('step 3 fails (the new key never authenticates): the new key is deleted', async () => {
    fake.inject('sts:GetCallerIdentity', { delayMs: 1 }) // the identity check passes
    fake.inject('sts:GetCallerIdentity', { code: 'AccessDenied' })
    const error = await expectRolledBack(await rotate())
    expect(fake.createdKeys).toHaveLength(1)
    expect(error).toContain('step 3. Wait until the new key works')
    expect(error).toContain(`new key AKIA…${fake.createdKeys[0]!.id.slice(-4)} deleted`)
  })

  it('step 4 fails (one secret cannot be written): every secret written back, new key deleted', async () => {
    github.fail({
      method: 'PUT',
      path: /other-repo\/actions\/secrets\/AWS_SECRET_ACCESS_KEY$/,
      status: 500,
      skip: 1
    })
    const result = await rotate()
    const error = await expectRolledBack(result)
    expect(error).toContain('step 4. Write secrets')
    // The summary's timeline shows the failed step, the rollback and the state left.
    const summary = summaryToText(result.summary)
    expect(summary).toMatch(/4\. Write secrets.*failed/)
    expect(summary).toMatch(/Roll back.*rolled back/)
    expect(summary).toContain(`AKIA…${OLD.id.slice(-4)} is Active (never changed)`)
    expect(error).toContain('written back')
    // The secrets of this repository had been written with the new key; the rollback restored them.
    expect(github.requests.filter(r => r.method === 'PUT' && r.path.includes('octo-repo')).length).toBe(6)
  })

  it('rollback that fails too says which secret holds which key id', async () => {
    github.fail({
      method: 'PUT',
      path: /other-repo\/actions\/secrets\/AWS_SECRET_ACCESS_KEY$/,
      status: 500,
      skip: 1
    })
    github.fail({
      method: 'PUT',
      path: /octo-repo\/actions\/secrets\/AWS_ACCESS_KEY_ID$/,
      status: 502,
      skip: 2
    })
    const result = await rotate()
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.exportedEnv).toEqual({})
    const created = fake.createdKeys[0]!
    expect(stored(`repo:${HERE}`, 'AWS_ACCESS_KEY_ID')).toBe(created.id)
    expect(result.errors[0]).toContain('ROLLBACK INCOMPLETE')
    expect(result.errors[0]).toContain(
      `repository secret AWS_ACCESS_KEY_ID of ${HERE} holds AKIA…${created.id.slice(-4)}`
    )
    expect(result.errors[0]).toContain(
      `repository secret AWS_SECRET_ACCESS_KEY of ${HERE} holds the secret of AKIA…${OLD.id.slice(-4)}`
    )
    // The new key is kept: a secret still holds its id.
    expect(userKeys()).toEqual([
      { id: OLD.id, status: 'Active' },
      { id: created.id, status: 'Active' }
    ])
    expect(result.errors[0]).toContain(`AKIA…${created.id.slice(-4)} is still Active (kept`)
    expectNoLeaks(result)
  })

  it('step 5 denied: a warning naming iam:UpdateAccessKey, both keys active, secrets hold the new key', async () => {
    const old = { id: noUpdate.accessKeys[0]!.id, secret: noUpdate.accessKeys[0]!.secret }
    storeKey(old)
    const result = await rotate({}, old)
    expect(result.exitCode).toBe(0)
    const created = fake.createdKeys[0]!
    expect(userKeys('no-update')).toEqual([
      { id: old.id, status: 'Active' },
      { id: created.id, status: 'Active' }
    ])
    expect(stored(`repo:${HERE}`, 'AWS_SECRET_ACCESS_KEY')).toBe(created.secret)
    expect(
      result.warnings.some(w => w.includes('iam:UpdateAccessKey') && w.includes('Both keys are active'))
    ).toBe(true)
    expect(result.outputs.rotated).toBe('true')
    expect(result.outputs['retired-key-id']).toBeUndefined()
    expectNoLeaks(result)
  })

  describe('a user with two keys', () => {
    it('stops on a second active key, changing nothing', async () => {
      addLiveKey(fake, 'rotator', { id: 'AKIAROTATORSECOND001', status: 'Active', createdDaysAgo: 20 })
      const result = await rotate()
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toContain('has a second active key, AKIA…D001')
      expect(fake.requests.filter(r => IAM_CHANGES.has(r.action))).toEqual([])
      expect(github.requests.filter(r => r.method === 'PUT')).toEqual([])
      expectNoLeaks(result)
    })

    it('stops on a key created in the last 10 minutes by someone else', async () => {
      addLiveKey(fake, 'rotator', { id: 'AKIAROTATORRECENT001', status: 'Inactive', createdMinutesAgo: 3 })
      const result = await rotate()
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toContain('created 3 minute(s) ago: another rotation is in flight')
      expect(fake.requests.filter(r => IAM_CHANGES.has(r.action))).toEqual([])
      expectNoLeaks(result)
    })

    it('deletes an Inactive key retired at least retire-after-days ago, then rotates', async () => {
      // Swap roles: the old key becomes the one retired long ago; the current one is 100 days old.
      fake.account.usersByName.get('rotator')!.accessKeys[0]!.createDate = new Date(
        Date.now() - 100 * 86_400_000
      )
      addLiveKey(fake, 'rotator', { id: 'AKIAROTATORRETIRED01', status: 'Inactive', createdDaysAgo: 200 })
      fake.account.usersByName.get('rotator')!.accessKeys.reverse()
      const result = await rotate()
      expect(result.errors).toEqual([])
      const created = fake.createdKeys[0]!
      expect(userKeys()).toEqual([
        { id: OLD.id, status: 'Inactive' },
        { id: created.id, status: 'Active' }
      ])
      expect(summaryToText(result.summary)).toContain('1. Delete retired key')
      expectNoLeaks(result)
    })

    it('waits while the retired key is within retire-after-days (warning, nothing changed)', async () => {
      addLiveKey(fake, 'rotator', { id: 'AKIAROTATORRETIRED02', status: 'Inactive', createdDaysAgo: 200 })
      const result = await rotate({ 'rotate-key': 'always', 'retire-after-days': '365' })
      expect(result.outputs.rotated).toBe('false')
      expect(result.warnings.some(w => w.includes('retire-after-days (365)'))).toBe(true)
      expect(fake.requests.filter(r => IAM_CHANGES.has(r.action))).toEqual([])
      expectNoLeaks(result)
    })
  })

  it.each([
    ['environment:prod', `env:${HERE}:prod`],
    ['organization', 'org:octo-org']
  ])('rotates secrets of scope %s (organization visibility kept)', async (scope, key) => {
    const result = await rotate({ 'rotate-secret-scope': scope, 'rotate-repositories': '' })
    expect(result.errors).toEqual([])
    const created = fake.createdKeys[0]!
    expect(stored(key, 'AWS_ACCESS_KEY_ID')).toBe(created.id)
    expect(stored(key, 'AWS_SECRET_ACCESS_KEY')).toBe(created.secret)
    if (scope === 'organization') {
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
        expect(github.secret(key, name)).toMatchObject({
          visibility: 'selected',
          selectedRepositoryIds: [1296269, 42]
        })
      }
    }
    expect(stored(`repo:${HERE}`, 'AWS_ACCESS_KEY_ID')).toBe(OLD.id)
    expectNoLeaks(result)
  })
})
