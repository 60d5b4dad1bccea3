// configure-aws-credentials inputs through the bundled action: session policies and tags reach the assume
// call and narrow the session; use-existing-credentials and unset-current-credentials across two runs in
// one job; the runner's own credentials (shared profile, container credentials) on self-hosted runners;
// force-skip-oidc.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { loadSeed, sdkConfig, seedKey } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { assertNoSecretLeaks, createJob, runMain, type RunResult } from '../../test/runner/index.js'

const ACCOUNT = '123456789012'
const DEPLOY = `arn:aws:iam::${ACCOUNT}:role/deploy`
const CI_TARGET = `arn:aws:iam::${ACCOUNT}:role/ci-target`
const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const assumer = seedKey(seed, 'ci-assumer')
const { fake, tokens, oidcEnv } = useFakeAws(seed, { oidc: true })
const sessionSecrets = () => fake.sessions.flatMap(s => [s.secretAccessKey, s.sessionToken])
const jwts = (result: RunResult) => result.masks.filter(m => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(m))
const NO_IMDS = { AWS_EC2_METADATA_DISABLED: 'true' }

const ciTarget = (extra: Record<string, string> = {}) => ({
  'aws-region': 'eu-west-1',
  'aws-access-key-id': assumer.id,
  'aws-secret-access-key': assumer.secret,
  'role-to-assume': CI_TARGET,
  'role-external-id': 'octo-external-42',
  ...extra
})

describe('session policies and tags', () => {
  it('sends them with AssumeRole, and the inline policy narrows what the session may do', async () => {
    const policy =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ListUsers"],"Resource":"*"}]}'
    const result = await runMain({
      inputs: ciTarget({
        'inline-session-policy': policy,
        'managed-session-policies':
          'arn:aws:iam::aws:policy/ReadOnlyAccess\narn:aws:iam::123456789012:policy/extra',
        'custom-tags': '{"Team": "web"}',
        'transitive-tag-keys': 'Team\nRepository'
      }),
      env: fake.env()
    })
    expect(result.errors).toEqual([])
    const session = fake.sessions[0]
    expect(session.policy).toBe(policy)
    expect(session.policyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::123456789012:policy/extra'
    ])
    expect(session.tags[0]).toEqual({ key: 'GitHub', value: 'Actions' })
    expect(session.tags.at(-1)).toEqual({ key: 'Team', value: 'web' })
    expect(session.transitiveTagKeys).toEqual(['Team', 'Repository'])
    // The role allows ec2:DescribeRegions; the session policy does not.
    const regions = JSON.parse(result.outputs.checks).find((c: { name: string }) => c.name === 'regions')
    expect(regions.status).toBe('denied')
    expect(result.warnings.join('\n')).toContain('ec2:DescribeRegions')
    assertNoSecretLeaks(result, [assumer.secret, ...sessionSecrets()])
  }, 60_000)

  it('sends the session policy with AssumeRoleWithWebIdentity, and warns that tags are not sent', async () => {
    const policy = '{"Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}'
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'role-to-assume': DEPLOY,
        'inline-session-policy': policy,
        'custom-tags': '{"Team": "web"}'
      },
      env: oidcEnv()
    })
    expect(fake.sessions[0]).toMatchObject({ via: 'AssumeRoleWithWebIdentity', policy, tags: [] })
    expect(result.warnings.join('\n')).toContain(
      'custom-tags not sent: a web identity session (OIDC) takes its session tags from the token'
    )
    assertNoSecretLeaks(result, [...jwts(result), ...sessionSecrets(), tokens.requestToken])
  }, 60_000)

  it('rejects a malformed session policy before any network call', async () => {
    const result = await runMain({
      inputs: ciTarget({ 'inline-session-policy': '{"Statement": [' }),
      env: fake.env()
    })
    expect(result.errors).toEqual([
      expect.stringContaining("Invalid input 'inline-session-policy': is not valid JSON")
    ])
    expect(fake.requests).toEqual([])
  }, 60_000)
})

describe('sts-endpoint', () => {
  it('sends STS calls to sts-endpoint, over AWS_ENDPOINT_URL_STS', async () => {
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret,
        'sts-endpoint': fake.url
      },
      // Without sts-endpoint, STS would go to a port nothing listens on and fail.
      env: {
        AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_IAM: fake.url,
        AWS_ENDPOINT_URL_EC2: fake.url
      }
    })
    expect(result.errors).toEqual([])
    expect(fake.requests.map(r => r.action)).toContain('GetCallerIdentity')
  }, 60_000)
})

describe('credentials already in the job (two runs in one job)', () => {
  async function firstRun(): Promise<RunResult> {
    const first = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret
      },
      env: fake.env()
    })
    expect(first.exportedEnv.AWS_ACCESS_KEY_ID).toBe(admin.id)
    return first
  }

  it('use-existing-credentials keeps valid credentials, runs the checks and exports no new ones', async () => {
    const first = await firstRun()
    const second = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': DEPLOY, 'use-existing-credentials': 'true' },
      env: { ...oidcEnv(), ...first.exportedEnv }
    })
    expect(second.errors).toEqual([])
    expect(second.notices).toContain('Pre-existing credentials are valid. No need to generate new ones.')
    expect(fake.requests.filter(r => r.action === 'AssumeRoleWithWebIdentity')).toEqual([])
    expect(tokens.requests).toHaveLength(0)
    expect(second.outputs['aws-arn']).toBe(`arn:aws:iam::${ACCOUNT}:user/admin`)
    expect(second.exportedEnv.AWS_ACCESS_KEY_ID).toBeUndefined()
    assertNoSecretLeaks(second, [admin.secret])
  }, 60_000)

  it('unset-current-credentials forgets them first, so use-existing-credentials obtains new ones', async () => {
    const first = await firstRun()
    const second = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'role-to-assume': DEPLOY,
        'use-existing-credentials': 'true',
        'unset-current-credentials': 'true'
      },
      env: { ...oidcEnv(), ...first.exportedEnv, ...NO_IMDS }
    })
    expect(second.errors).toEqual([])
    expect(second.notices).toContain('No valid credentials exist. Running as normal.')
    expect(second.exportedEnv.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/)
    expect(second.outputs['aws-arn']).toContain('assumed-role/deploy/')
    assertNoSecretLeaks(second, [admin.secret, ...jwts(second), ...sessionSecrets(), tokens.requestToken])
  }, 60_000)

  it('unset-current-credentials clears them for later steps even when the step then fails', async () => {
    const first = await firstRun()
    const second = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'unset-current-credentials': 'true' },
      env: { ...fake.env(), ...first.exportedEnv, ...NO_IMDS }
    })
    expect(second.exitCode).not.toBe(0)
    expect(second.errors).toEqual([expect.stringContaining('the runner has none of its own')])
    expect(second.exportedEnv).toMatchObject({
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: ''
    })
  }, 60_000)
})

describe("the runner's own credentials (self-hosted runners)", () => {
  it('uses the shared profile, and names the source in the summary', async () => {
    const job = createJob()
    mkdirSync(join(job.home, '.aws'), { recursive: true })
    writeFileSync(
      join(job.home, '.aws', 'credentials'),
      `[default]\naws_access_key_id = ${admin.id}\naws_secret_access_key = ${admin.secret}\n`
    )
    const result = await runMain({ job, inputs: { 'aws-region': 'eu-west-1' }, env: fake.env() })
    expect(result.errors).toEqual([])
    expect(result.summary).toContain("the runner's own credentials: shared profile (~/.aws)")
    expect(result.outputs['key-status']).toBe('ok')
    assertNoSecretLeaks(result, [admin.secret])
  }, 60_000)

  describe('container credentials (ECS task role, EKS Pod Identity)', () => {
    let server: Server
    let credentials: { AccessKeyId: string; SecretAccessKey: string; Token: string; Expiration: string }
    let authorization: string | undefined
    beforeAll(async () => {
      server = createServer((req, res) => {
        authorization = req.headers.authorization
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(credentials))
      })
      await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    })
    afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

    it('uses them when no credentials are given, never asking GitHub for a token', async () => {
      const out = await new STSClient(sdkConfig(fake, assumer)).send(
        new AssumeRoleCommand({
          RoleArn: CI_TARGET,
          RoleSessionName: 'task-role',
          ExternalId: 'octo-external-42'
        })
      )
      credentials = {
        AccessKeyId: out.Credentials!.AccessKeyId!,
        SecretAccessKey: out.Credentials!.SecretAccessKey!,
        Token: out.Credentials!.SessionToken!,
        Expiration: out.Credentials!.Expiration!.toISOString()
      }
      const result = await runMain({
        inputs: { 'aws-region': 'eu-west-1', checks: 'identity' },
        env: {
          ...oidcEnv(),
          AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/credentials`,
          AWS_CONTAINER_AUTHORIZATION_TOKEN: 'pod-identity-token'
        }
      })
      expect(result.errors).toEqual([])
      expect(authorization).toBe('pod-identity-token')
      expect(result.summary).toContain('container credentials (ECS task role, EKS Pod Identity, CodeBuild)')
      expect(result.outputs['aws-arn']).toContain('assumed-role/ci-target/task-role')
      expect(tokens.requests).toHaveLength(0)
      assertNoSecretLeaks(result, [credentials.SecretAccessKey, credentials.Token])
    }, 60_000)
  })

  it('force-skip-oidc assumes the role with the runner credentials even when GitHub offers a token', async () => {
    const job = createJob()
    mkdirSync(join(job.home, '.aws'), { recursive: true })
    writeFileSync(
      join(job.home, '.aws', 'credentials'),
      `[default]\naws_access_key_id = ${assumer.id}\naws_secret_access_key = ${assumer.secret}\n`
    )
    const result = await runMain({
      job,
      inputs: {
        'aws-region': 'eu-west-1',
        'role-to-assume': CI_TARGET,
        'role-external-id': 'octo-external-42',
        'force-skip-oidc': 'true'
      },
      env: oidcEnv()
    })
    expect(result.errors).toEqual([])
    expect(tokens.requests).toHaveLength(0)
    expect(fake.requests.map(r => r.action)).toContain('AssumeRole')
    expect(result.outputs['aws-arn']).toContain('assumed-role/ci-target/')
    assertNoSecretLeaks(result, [assumer.secret, ...sessionSecrets()])
  }, 60_000)
})
