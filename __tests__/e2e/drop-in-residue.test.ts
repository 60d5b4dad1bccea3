// What a configure-aws-credentials workflow relies on beyond the inputs, through the bundled action: the
// authenticated-arn output, the post step emptying the exported variables (and AWS_SKIP_CLEANUP_STEP),
// reset connections retried under retry-max-attempts, aws-cn's default OIDC audience, and FIPS endpoints
// selected by AWS_USE_FIPS_ENDPOINT (a proxy sends the real AWS host names to a local TLS fake).
import { describe, expect, it } from '@jest/globals'
import { loadSeed, seedKey, startFakeAws, type Seed } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { createTestCa } from '../../test/network/test-ca.js'
import { startRedirectingProxy } from '../../test/network/redirecting-proxy.js'
import { assertNoSecretLeaks, runMain, runPost } from '../../test/runner/index.js'

const ACCOUNT = '123456789012'
const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const { fake, tokens } = useFakeAws(seed, { oidc: true })
const adminInputs = (extra: Record<string, string> = {}) => ({
  'aws-region': 'eu-west-1',
  'aws-access-key-id': admin.id,
  'aws-secret-access-key': admin.secret,
  ...extra
})
const CLEARED = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']

describe('authenticated-arn and the post step', () => {
  it('sets authenticated-arn, and the post step empties every variable the step exported', async () => {
    const main = await runMain({ inputs: adminInputs(), env: fake.env() })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['authenticated-arn']).toBe(`arn:aws:iam::${ACCOUNT}:user/admin`)
    expect(main.outputs['authenticated-arn']).toBe(main.outputs['aws-arn'])
    expect(main.exportedEnv.AWS_ACCESS_KEY_ID).toBe(admin.id)

    const post = await runPost({ main })
    expect(post.exitCode).toBe(0)
    expect(post.exportedEnv).toEqual(
      Object.fromEntries([...CLEARED, 'AWS_REGION', 'AWS_DEFAULT_REGION'].map(name => [name, '']))
    )
    assertNoSecretLeaks(main, [admin.secret])
  }, 60_000)

  it('with aws-profile: empties the credentials and AWS_PROFILE, keeps the region, restores the files', async () => {
    const main = await runMain({
      inputs: adminInputs({ 'aws-profile': 'ci', 'output-env-credentials': 'true' }),
      env: fake.env()
    })
    expect(main.exportedEnv.AWS_PROFILE).toBe('ci')
    const post = await runPost({ main })
    expect(post.exportedEnv).toEqual(Object.fromEntries([...CLEARED, 'AWS_PROFILE'].map(name => [name, ''])))
    expect(post.stdout).toContain('Restored the AWS shared credentials and config files.')
  }, 60_000)

  it('keeps them when the job sets AWS_SKIP_CLEANUP_STEP=true', async () => {
    const main = await runMain({ inputs: adminInputs(), env: fake.env() })
    const post = await runPost({ main, env: { AWS_SKIP_CLEANUP_STEP: 'true' } })
    expect(post.exitCode).toBe(0)
    expect(post.exportedEnv).toEqual({})
    expect(post.stdout).toContain('AWS_SKIP_CLEANUP_STEP is true: not clearing AWS_ACCESS_KEY_ID')
  }, 60_000)

  it('clears nothing after a step that failed and exported nothing', async () => {
    const main = await runMain({
      inputs: adminInputs({ 'allowed-account-ids': '999999999999' }),
      env: fake.env()
    })
    expect(main.exitCode).toBe(1)
    const post = await runPost({ main })
    expect(post.exportedEnv).toEqual({})
  }, 60_000)
})

describe('reset connections', () => {
  it('retries two resets in a row and succeeds', async () => {
    fake.inject('sts:GetCallerIdentity', { reset: true, times: 2 })
    const result = await runMain({ inputs: adminInputs(), env: fake.env() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const calls = fake.requests.filter(r => r.action === 'GetCallerIdentity').map(r => r.status)
    expect(calls).toEqual([0, 0, 200])
  }, 60_000)

  it('gives up after retry-max-attempts, saying the connection was reset, never that it did not answer', async () => {
    fake.inject('sts:GetCallerIdentity', { reset: true, times: 20 })
    const result = await runMain({ inputs: adminInputs({ 'retry-max-attempts': '4' }), env: fake.env() })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `The connection to ${fake.url} was reset during sts:GetCallerIdentity, after 4 attempts (ECONNRESET)`
    )
    expect(result.errors[0]).not.toContain('did not answer')
    expect(fake.requests.filter(r => r.action === 'GetCallerIdentity')).toHaveLength(4)
    expect(result.exportedEnv).toEqual({})
  }, 60_000)
})

/** The default seed as an aws-cn account: its OIDC provider and the deploy role trust sts.amazonaws.com.cn. */
function chinaSeed(): Seed {
  const china = loadSeed()
  china.partition = 'aws-cn'
  china.oidcProviders = china.oidcProviders!.map(p => ({ ...p, clientIds: ['sts.amazonaws.com.cn'] }))
  const deploy = china.roles!.find(r => r.name === 'deploy')!
  deploy.trustPolicy = JSON.parse(
    JSON.stringify(deploy.trustPolicy)
      .replace('arn:aws:', 'arn:aws-cn:')
      .replace('"sts.amazonaws.com"', '"sts.amazonaws.com.cn"')
  )
  return china
}

describe('aws-cn', () => {
  it('requests the OIDC token for sts.amazonaws.com.cn, and an explicit audience wins', async () => {
    const china = await startFakeAws(chinaSeed(), { oidcKeys: { [tokens.issuer]: tokens.jwks } })
    try {
      const inputs = {
        'aws-region': 'cn-north-1',
        'role-to-assume': `arn:aws-cn:iam::${ACCOUNT}:role/deploy`
      }
      const env = { ...china.env(), ...tokens.env }
      const result = await runMain({ inputs, env })
      expect(result.errors).toEqual([])
      expect(tokens.requests.map(r => r.audience)).toEqual(['sts.amazonaws.com.cn'])
      expect(result.outputs['authenticated-arn']).toMatch(
        /^arn:aws-cn:sts::123456789012:assumed-role\/deploy\//
      )

      tokens.requests.length = 0
      const explicit = await runMain({ inputs: { ...inputs, audience: 'sts.amazonaws.com' }, env })
      expect(tokens.requests.map(r => r.audience)).toEqual(['sts.amazonaws.com'])
      // The China provider does not list it: refused, which proves the audience was really sent.
      expect(explicit.exitCode).toBe(1)
    } finally {
      await china.close()
    }
  }, 60_000)
})

describe('FIPS endpoints', () => {
  it('sends every call to the FIPS endpoints when the job sets AWS_USE_FIPS_ENDPOINT=true', async () => {
    const hosts = [
      'sts-fips.us-east-1.amazonaws.com',
      'iam-fips.amazonaws.com',
      'ec2-fips.us-east-1.amazonaws.com'
    ]
    const ca = await createTestCa(hosts)
    const secure = await startFakeAws(seed, { tls: ca.tls })
    const proxy = await startRedirectingProxy(Number(new URL(secure.url).port))
    try {
      const result = await runMain({
        inputs: adminInputs({ 'aws-region': 'us-east-1' }),
        env: { ...ca.env, HTTPS_PROXY: proxy.url, AWS_USE_FIPS_ENDPOINT: 'true' }
      })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect([...new Set(proxy.targets)].sort()).toEqual(hosts.map(host => `${host}:443`).sort())
      expect(secure.requests.map(r => r.action).sort()).toEqual([
        'DescribeRegions',
        'GetCallerIdentity',
        'ListAccessKeys',
        'ListUsers'
      ])
    } finally {
      await proxy.close()
      await secure.close()
      ca.close()
    }
  }, 60_000)

  it('names the FIPS endpoint a failed call was really sent to', async () => {
    const closed = await startFakeAws(seed)
    const port = Number(new URL(closed.url).port)
    await closed.close()
    const proxy = await startRedirectingProxy(port)
    try {
      const result = await runMain({
        inputs: adminInputs({ 'aws-region': 'us-east-1', 'retry-max-attempts': '2' }),
        env: { HTTPS_PROXY: proxy.url, AWS_USE_FIPS_ENDPOINT: 'true' }
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual([
        expect.stringContaining(
          'The connection to https://sts-fips.us-east-1.amazonaws.com was reset during sts:GetCallerIdentity, after 2 attempts'
        )
      ])
    } finally {
      await proxy.close()
    }
  }, 60_000)
})
