// Stored keys through the bundled action, against the signature-checking fake endpoint.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { loadSeed, sdkConfig, seedKey } from '../../test/fake-aws/index.js'
import {
  assertNoSecretLeaks,
  findSecretLeaks,
  maskPosition,
  runMain,
  runPost,
  transcriptText,
  type RunResult
} from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { expectCleanFailure } from '../../test/runner/expect-clean-failure.js'

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const ACCOUNT = '123456789012'
const { fake } = useFakeAws(seed)

const keyInputs = (key: { id: string; secret: string }, extra: Record<string, string> = {}) => ({
  'aws-region': 'eu-west-1',
  'aws-access-key-id': key.id,
  'aws-secret-access-key': key.secret,
  ...extra
})

describe('stored keys', () => {
  it('succeeds: exports the credentials and region, sets identity outputs, leaks nothing', async () => {
    const result = await runMain({ inputs: keyInputs(admin), env: fake.env() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.exportedEnv).toMatchObject({
      AWS_ACCESS_KEY_ID: admin.id,
      AWS_SECRET_ACCESS_KEY: admin.secret,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1'
    })
    // Exported empty (not left out), so a stale token from an earlier step cannot pair with these keys.
    expect(result.exportedEnv).toHaveProperty('AWS_SESSION_TOKEN', '')
    expect(result.outputs).toMatchObject({
      'aws-account-id': ACCOUNT,
      'aws-arn': `arn:aws:iam::${ACCOUNT}:user/admin`
    })
    expect(result.masks).toContain(admin.secret)
    expect(result.summary).toContain(`arn:aws:iam::${ACCOUNT}:user/admin`)
    assertNoSecretLeaks(result, [admin.secret])
    // Every call was signed with the stored key and accepted.
    expect(fake.requests.length).toBeGreaterThan(0)
    expect(fake.requests.find(r => r.action === 'GetCallerIdentity')).toMatchObject({
      accessKeyId: admin.id,
      status: 200,
      region: 'eu-west-1'
    })
  })

  it('runs the post step cleanly after a successful main step', async () => {
    const main = await runMain({ inputs: keyInputs(admin), env: fake.env() })
    const post = await runPost({ main })
    expect(post.exitCode).toBe(0)
    expect(post.errors).toEqual([])
    assertNoSecretLeaks(post, [admin.secret])
  })

  it('fails on a wrong secret, saying the secret does not match the key id', async () => {
    const wrong = { id: admin.id, secret: `${admin.secret.slice(0, -1)}Q` }
    const result = await runMain({ inputs: keyInputs(wrong), env: fake.env() })
    const error = expectCleanFailure(result, [wrong.secret, admin.secret])
    expect(error).toMatch(/secret access key does not match/i)
    expect(error).toContain('AKIA…Y001')
    expect(error).not.toContain(admin.id)
    expect(fake.requests.some(r => r.errorCode === 'SignatureDoesNotMatch')).toBe(true)
  })

  it('fails on a truncated secret the same way', async () => {
    const truncated = { id: admin.id, secret: admin.secret.slice(0, 30) }
    const error = expectCleanFailure(await runMain({ inputs: keyInputs(truncated), env: fake.env() }), [
      truncated.secret
    ])
    expect(error).toMatch(/secret access key does not match/i)
  })

  it('fails on an unknown key id, showing only AKIA… and its last 4 characters', async () => {
    const unknown = { id: 'AKIAUNKNOWNKEY00WXYZ', secret: admin.secret }
    const error = expectCleanFailure(await runMain({ inputs: keyInputs(unknown), env: fake.env() }), [
      admin.secret
    ])
    expect(error).toMatch(/not recogni[sz]e/i)
    expect(error).toContain('AKIA…WXYZ')
    expect(error).not.toContain(unknown.id)
  })

  it('fails on a deactivated key as unknown', async () => {
    const departed = seedKey(seed, 'departed')
    const error = expectCleanFailure(await runMain({ inputs: keyInputs(departed), env: fake.env() }), [
      departed.secret
    ])
    expect(error).toContain('AKIA…0001')
    expect(error).toMatch(/deactivated|deleted/)
  })

  it('retries throttling and then succeeds', async () => {
    fake.inject('sts:GetCallerIdentity', { code: 'Throttling', times: 2 })
    const result = await runMain({ inputs: keyInputs(admin), env: fake.env() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const calls = fake.requests.filter(r => r.action === 'GetCallerIdentity').map(r => r.status)
    expect(calls).toEqual([400, 400, 200])
    assertNoSecretLeaks(result, [admin.secret])
  })

  it('gives up on persistent throttling after retry-max-attempts, and says so', async () => {
    fake.inject('sts:GetCallerIdentity', { code: 'Throttling', times: 10 })
    const result = await runMain({ inputs: keyInputs(admin, { 'retry-max-attempts': '2' }), env: fake.env() })
    const error = expectCleanFailure(result, [admin.secret])
    expect(error).toMatch(/throttl/i)
    expect(error).toContain('2 attempts')
    expect(fake.requests.filter(r => r.action === 'GetCallerIdentity')).toHaveLength(2)
  })

  it('retries a reset connection and a 503', async () => {
    fake.inject('sts:GetCallerIdentity', { reset: true })
    fake.inject('sts:GetCallerIdentity', { code: 'ServiceUnavailable' })
    const result = await runMain({ inputs: keyInputs(admin), env: fake.env() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(fake.requests.filter(r => r.action === 'GetCallerIdentity').map(r => r.status)).toEqual([
      0, 503, 200
    ])
  })

  it('fails within the retry budget when the endpoint is unreachable, naming endpoint, attempts and error code', async () => {
    const port = await closedPort()
    const endpoint = `http://127.0.0.1:${port}`
    const result = await runMain({
      inputs: keyInputs(admin, { 'retry-max-attempts': '3' }),
      env: { AWS_ENDPOINT_URL: endpoint }
    })
    const error = expectCleanFailure(result, [admin.secret])
    expect(error).toContain(endpoint)
    expect(error).toContain('3 attempts')
    expect(error).toContain('ECONNREFUSED')
    expect(result.durationMs).toBeLessThan(15_000)
  })

  it('accepts stored temporary keys with their session token, and masks the token', async () => {
    const session = await assumeCiTarget()
    const inputs = {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': session.AccessKeyId!,
      'aws-secret-access-key': session.SecretAccessKey!,
      'aws-session-token': session.SessionToken!
    }
    const result = await runMain({ inputs, env: fake.env() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.exportedEnv.AWS_SESSION_TOKEN).toBe(session.SessionToken)
    expect(result.outputs['aws-arn']).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-target/e2e`)
    // Masked before the step printed its first line (the token came from the fake, not from result.masks).
    const log = transcriptText(result)
    const firstLine = log.indexOf('::group::')
    expect(maskPosition(log, session.SessionToken!)).toBeGreaterThanOrEqual(0)
    expect(maskPosition(log, session.SessionToken!)).toBeLessThan(firstLine)
    assertNoSecretLeaks(result, [session.SecretAccessKey!, session.SessionToken!])
  })

  it('fails clearly when stored temporary keys have expired', async () => {
    const session = await assumeCiTarget()
    fake.sessions[0]!.expiration = new Date(Date.now() - 60_000)
    const inputs = {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': session.AccessKeyId!,
      'aws-secret-access-key': session.SecretAccessKey!,
      'aws-session-token': session.SessionToken!
    }
    const error = expectCleanFailure(await runMain({ inputs, env: fake.env() }), [
      session.SecretAccessKey!,
      session.SessionToken!
    ])
    expect(error).toMatch(/expired/i)
  })

  it('sets credential outputs only with output-credentials, masked first', async () => {
    const result = await runMain({
      inputs: keyInputs(admin, { 'output-credentials': 'true' }),
      env: fake.env()
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      'aws-access-key-id': admin.id,
      'aws-secret-access-key': admin.secret
    })
    assertNoSecretLeaks(result, [admin.secret], { allowedInOutputs: [admin.secret] })
  })

  it('exports nothing with output-env-credentials: false', async () => {
    const result = await runMain({
      inputs: keyInputs(admin, { 'output-env-credentials': 'false' }),
      env: fake.env()
    })
    expect(result.exitCode).toBe(0)
    expect(result.exportedEnv).toEqual({})
  })

  it('fails when the account is not in allowed-account-ids, exporting nothing', async () => {
    const result = await runMain({
      inputs: keyInputs(admin, { 'allowed-account-ids': '111111111111,222222222222' }),
      env: fake.env()
    })
    const error = expectCleanFailure(result, [admin.secret])
    expect(error).toContain('allowed-account-ids')
    expect(error).toContain(ACCOUNT)
  })

  it('masks the account id before printing it with mask-aws-account-id', async () => {
    const result = await runMain({
      inputs: keyInputs(admin, { 'mask-aws-account-id': 'true' }),
      env: fake.env()
    })
    expect(result.exitCode).toBe(0)
    expect(result.masks).toContain(ACCOUNT)
    const logLeaks = findSecretLeaks(result, [ACCOUNT]).filter(l => l.where.startsWith('log'))
    expect(logLeaks).toEqual([])
  })

  it('keeps the masked account id out of the job summary and the report file, which no mask covers', async () => {
    const result = await runMain({
      inputs: keyInputs(seedKey(seed, 'aging'), {
        'mask-aws-account-id': 'true',
        'report-path': 'report.json'
      }),
      env: fake.env()
    })
    expect(result.exitCode).toBe(0)
    expect(result.summary).toContain('arn:aws:iam::sha256:')
    expect(result.summary).not.toContain(ACCOUNT)
    const report = readFileSync(result.outputs['report-path']!, 'utf8')
    expect(JSON.parse(report)).toMatchObject({ account: expect.stringMatching(/^sha256:[0-9a-f]{16}$/) })
    expect(report).not.toContain(ACCOUNT)
  })
})

describe('key ids and temporary keys', () => {
  // Secrets rule (docs/architecture.md): access key ids are shown as AKIA…last4, the input debug dump included.
  it('masks the access key id (as configure-aws-credentials) and shows it only as AKIA…last4, even in the debug log', async () => {
    const result = await runMain({ inputs: keyInputs(admin), env: fake.env(), debug: true })
    expect(result.exitCode).toBe(0)
    expect(result.masks).toContain(admin.id)
    // Only the mask command itself may carry the whole id; the runner never prints that line.
    const printed = result.stdout.replace(/^AWS_ACCESS_KEY_ID.*$/m, '').replace(/^::add-mask::.*$/gm, '')
    expect(printed).not.toContain(admin.id)
  })

  // An ASIA… key is temporary: without aws-session-token AWS rejects it as unknown, but the cause is the
  // missing token, and the message should say so instead of suggesting the key was deleted.
  it('says a temporary (ASIA…) key needs aws-session-token', async () => {
    const session = await assumeCiTarget()
    const inputs = {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': session.AccessKeyId!,
      'aws-secret-access-key': session.SecretAccessKey!
    }
    const error = expectCleanFailure(await runMain({ inputs, env: fake.env() }), [session.SecretAccessKey!])
    expect(error).toContain('aws-session-token')
  })
})

describe('secret inputs are masked first (maskInputSecrets)', () => {
  const PAT = 'ghp_e2eInputPersonalAccessToken000000001'

  /** Where each secret input's mask is, against the first line a person sees (not a mask, not debug). */
  function maskOrder(result: RunResult, secrets: string[]) {
    const log = transcriptText(result)
    const lines = log.split('\n')
    const visible = lines.findIndex(l => l !== '' && !/^::(add-mask|debug)::/.test(l))
    const firstVisible = lines.slice(0, visible).join('\n').length
    return secrets.map(secret => {
      const at = maskPosition(log, secret)
      return at >= 0 && at < firstVisible ? 'first' : at < 0 ? 'missing' : 'late'
    })
  }

  it.each([
    ['without', false],
    ['with', true]
  ])(
    'masks the secret key, session token and github-token before anything else, %s RUNNER_DEBUG',
    async (_, debug) => {
      const session = await assumeCiTarget()
      const inputs = {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': session.AccessKeyId!,
        'aws-secret-access-key': session.SecretAccessKey!,
        'aws-session-token': session.SessionToken!,
        'github-token': PAT
      }
      const result = await runMain({ inputs, env: fake.env(), debug })
      expect(result.exitCode).toBe(0)
      expect(maskOrder(result, [session.SecretAccessKey!, session.SessionToken!, PAT])).toEqual([
        'first',
        'first',
        'first'
      ])
      // The input dump is written with step debug only (RUNNER_DEBUG=1); it names every secret input but
      // no value.
      expect(
        result.debug.filter(d => /^input (secretAccessKey|sessionToken|githubToken) = /.test(d))
      ).toEqual(
        debug ? ['input secretAccessKey = ***', 'input sessionToken = ***', 'input githubToken = ***'] : []
      )
    }
  )

  it('masks them even when the step then fails on AWS, before the error', async () => {
    const wrong = `${admin.secret.slice(0, -1)}Q`
    const result = await runMain({
      inputs: keyInputs({ id: admin.id, secret: wrong }, { 'github-token': PAT }),
      env: fake.env(),
      debug: true
    })
    expectCleanFailure(result, [wrong])
    expect(maskOrder(result, [wrong, PAT])).toEqual(['first', 'first'])
  })
})

async function assumeCiTarget() {
  const out = await new STSClient(sdkConfig(fake, seedKey(seed, 'ci-assumer'))).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci-target`,
      RoleSessionName: 'e2e',
      ExternalId: 'octo-external-42'
    })
  )
  return out.Credentials!
}

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
