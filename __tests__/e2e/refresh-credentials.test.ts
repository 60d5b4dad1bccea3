// refresh-credentials through the bundled action: the main step starts dist/refresh/ detached, a later
// process reads it with the AWS SDK's own container provider, the session is renewed past the first
// one's expiry (OIDC, stored keys + role, chaining through an earlier endpoint), and the post step stops
// it. The fake hands out 2-second sessions so each renewal happens inside the test.
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { request } from 'node:http'
import { promisify } from 'node:util'
import { loadSeed, seedKey } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { addChainedRole, CHAINED_ROLE } from '../../test/fake-aws/chained-role.js'
import {
  createJob,
  NODE24,
  REPO_ROOT,
  runMain,
  runPost,
  summaryToText,
  type JobDirs,
  type RunResult
} from '../../test/runner/index.js'
import { expectCleanFailure } from '../../test/runner/expect-clean-failure.js'
import { setTimeout as sleep } from 'node:timers/promises'
import { isRunning } from '../../src/refresh/stop-endpoint.js'

const ACCOUNT = '123456789012'
const DEPLOY = `arn:aws:iam::${ACCOUNT}:role/deploy`
const CI_TARGET = `arn:aws:iam::${ACCOUNT}:role/ci-target`
const SESSION_MS = 2_000
// Each renewal test waits out one 2-second session.
jest.setTimeout(20_000)

const seed = loadSeed()
addChainedRole(seed)
const assumer = seedKey(seed, 'ci-assumer')
const STORED_KEYS = { 'aws-access-key-id': assumer.id, 'aws-secret-access-key': assumer.secret }
/** Stored keys + role: the inputs of the AssumeRole route. */
const assumeInputs = (externalId = 'octo-external-42') => ({
  ...STORED_KEYS,
  'role-to-assume': CI_TARGET,
  'role-external-id': externalId
})
const { fake, tokens } = useFakeAws(seed, { oidc: true })

const started: number[] = []
afterEach(() => {
  // A failed test must not leave an endpoint running.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already stopped
    }
  }
})

/** The endpoint folders (status file, profile token) left in the job's RUNNER_TEMP. */
const refreshFolders = (step: RunResult): string[] =>
  readdirSync(step.job.runnerTemp).filter(name => name.startsWith('aws-auth-check-refresh-'))

/** Endpoint processes started for this job (Linux: found by their command line and RUNNER_TEMP). */
function endpointsOf(main: RunResult): number[] {
  return readdirSync('/proc')
    .filter(name => /^\d+$/.test(name))
    .filter(pid => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')
        return cmdline.includes('refresh/index.js') && environ.includes(`RUNNER_TEMP=${main.job.runnerTemp}`)
      } catch {
        return false // gone, or not ours
      }
    })
    .map(Number)
}

/** The main step with refresh-credentials and 2-second sessions; the endpoint's pid is remembered. */
async function startRefreshing(
  inputs: Record<string, string>,
  env: Record<string, string>,
  sessionMs = SESSION_MS,
  job?: JobDirs
) {
  fake.sessionLifetimeMs = sessionMs
  const main = await runMain({
    job,
    inputs: { 'aws-region': 'eu-west-1', 'refresh-credentials': 'true', ...inputs },
    env: { ...fake.env(), ...env }
  })
  expect(main.errors).toEqual([])
  expect(main.exitCode).toBe(0)
  const { pid } = JSON.parse(main.state['refresh-endpoint']!) as { pid: number }
  started.push(pid)
  return { main, pid }
}

/** A later step: a fresh process whose SDK finds the credentials itself (the container provider). */
async function laterStep(main: RunResult): Promise<{ arn: string; accessKeyId: string }> {
  const script = `
    import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
    const sts = new STSClient({})
    const { Arn } = await sts.send(new GetCallerIdentityCommand({}))
    const { accessKeyId } = await sts.config.credentials()
    console.log(JSON.stringify({ arn: Arn, accessKeyId }))
  `
  const { stdout } = await promisify(execFile)(NODE24, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: main.job.home,
      AWS_ENDPOINT_URL: fake.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...main.exportedEnv
    }
  })
  return JSON.parse(stdout) as { arn: string; accessKeyId: string }
}

/** Waits until the fake's first session for `roleName` has expired, and returns it. */
async function pastFirstExpiry(roleName: string) {
  const first = fake.sessions.find(s => s.roleName === roleName)!
  await sleep(Math.max(0, first.expiration.getTime() - Date.now() + 300))
  return first
}

/**
 * Lets each endpoint take one long session before the post step, so no renewal runs during it (the
 * step checks would count a session minted then as one the post step held).
 */
async function settle(): Promise<void> {
  fake.sessionLifetimeMs = undefined
  const before = fake.sessions.length
  for (let waited = 0; waited < 4_000 && fake.sessions.length === before; waited += 50) await sleep(50)
  await sleep(100)
}

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('refresh-credentials', () => {
  it('GitHub OIDC: a later step still authenticates after the first session expired; stops when the job ends', async () => {
    const { main, pid } = await startRefreshing({ 'role-to-assume': DEPLOY }, tokens.env)
    const env = main.exportedEnv
    // The step ended at once: the runner waits on its stdio, which the endpoint does not hold.
    expect(main.durationMs).toBeLessThan(10_000)
    expect(endpointsOf(main)).toEqual([pid])
    expect(env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}$/)
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN!.length).toBeGreaterThanOrEqual(43)
    expect(main.masks).toContain(env.AWS_CONTAINER_AUTHORIZATION_TOKEN)
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1'
    })

    const before = await laterStep(main)
    expect(before.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`)

    // The process: no INPUT_*, no credential, no token in its environment or its arguments.
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    expect(environ.filter(v => /^(INPUT_|ACTIONS_|AWS_(ACCESS|SECRET|SESSION|CONTAINER))/.test(v))).toEqual(
      []
    )
    expect(environ.filter(v => v.startsWith('AWS_ENDPOINT_URL='))).toHaveLength(1)
    for (const secret of [tokens.requestToken, env.AWS_CONTAINER_AUTHORIZATION_TOKEN!, ...tokens.issued]) {
      expect(environ.join('\n')).not.toContain(secret)
      expect(cmdline).not.toContain(secret)
    }

    // Refusals, with no detail: foreign Host (DNS rebinding), wrong path, no token, wrong token.
    const url = env.AWS_CONTAINER_CREDENTIALS_FULL_URI!
    const token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN!
    const refusals = await Promise.all([
      get(url, { Authorization: token, Host: 'attacker.example:80' }),
      get(url.replace(/[0-9a-f]{64}$/, '0'.repeat(64)), { Authorization: token }),
      get(url, {}),
      get(url, { Authorization: `${token.slice(0, -1)}x` })
    ])
    expect(refusals).toEqual([
      { status: 403, body: '' },
      { status: 404, body: '' },
      { status: 401, body: '' },
      { status: 401, body: '' }
    ])

    const first = await pastFirstExpiry('deploy')
    const after = await laterStep(main)
    expect(after.arn).toBe(before.arn)
    expect(after.accessKeyId).not.toBe(first.accessKeyId)
    // Renewed by the same route: a fresh GitHub ID token, then AssumeRoleWithWebIdentity.
    expect(tokens.requests.length).toBeGreaterThanOrEqual(2)
    expect(fake.sessions.filter(s => s.via === 'AssumeRoleWithWebIdentity').length).toBeGreaterThanOrEqual(2)
    const lastCall = fake.requests.filter(r => r.action === 'GetCallerIdentity').at(-1)!
    expect(lastCall).toMatchObject({ status: 200, accessKeyId: after.accessKeyId })

    // The job ends: GitHub refuses further tokens, and the process stops on its own at its next renewal.
    tokens.failNext(403, 100)
    for (let waited = 0; waited < 5_000 && isRunning(pid); waited += 100) await sleep(100)
    tokens.failNext(403, 0)
    expect(isRunning(pid)).toBe(false)
    const post = await runPost({ main })
    expect(post.exitCode).toBe(0)
    expect(post.warnings).toEqual([])
    expect(post.stdout).toMatch(
      /Credential refresh: [1-9]\d* renewals? since .*; Could not get a GitHub OIDC token/
    )
    expect(post.stdout).toContain('HTTP 403')
    expect(summaryToText(post.summary)).toMatch(/Renewals\s*│\s*[1-9]/)
  })

  it('stored keys + role: renews with AssumeRole; a failed renewal keeps the session and recovers', async () => {
    const { main, pid } = await startRefreshing(assumeInputs(), {})
    // The first renewal is refused; the session in hand is served meanwhile, and the retry succeeds.
    fake.inject('sts:AssumeRole', { code: 'AccessDenied', times: 1 })
    const first = await pastFirstExpiry('ci-target')
    const after = await laterStep(main)
    expect(after.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-target/GitHubActions`)
    expect(after.accessKeyId).not.toBe(first.accessKeyId)
    const assumes = fake.requests.filter(r => r.action === 'AssumeRole')
    expect(assumes.map(r => r.errorCode ?? r.status).slice(0, 3)).toEqual([200, 'AccessDenied', 200])
    expect(assumes.every(r => r.accessKeyId === assumer.id)).toBe(true)

    await settle()
    const post = await runPost({ main })
    expect(isRunning(pid)).toBe(false)
    expect(post.stdout).toContain('Last renewal error')
    expect(post.stdout).toContain('AccessDenied')
    expect(summaryToText(post.summary)).toContain('Last error')
  })

  it('web-identity-token-file: renews by reading the file again, never asking GitHub', async () => {
    const job = createJob()
    const tokenFile = join(job.workspace, 'token.jwt')
    writeFileSync(tokenFile, `${tokens.mint()}\n`)
    const { main, pid } = await startRefreshing(
      { 'role-to-assume': DEPLOY, 'web-identity-token-file': 'token.jwt' },
      {},
      SESSION_MS,
      job
    )
    // Whoever writes the file (an EKS IRSA mount, say) replaces the token before the next renewal.
    writeFileSync(tokenFile, `${tokens.mint()}\n`)
    const first = await pastFirstExpiry('deploy')
    const after = await laterStep(main)
    expect(after.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`)
    expect(after.accessKeyId).not.toBe(first.accessKeyId)
    expect(fake.sessions.filter(s => s.via === 'AssumeRoleWithWebIdentity').length).toBeGreaterThanOrEqual(2)
    expect(tokens.requests).toEqual([])
    await settle()
    await runPost({ main })
    expect(isRunning(pid)).toBe(false)
  })

  it('role chaining from an earlier step endpoint: the chained role outlives its first session', async () => {
    // The first endpoint's session is long, so it renews nothing while the second step runs (the step
    // checks would count a session minted then as one that step held).
    const oidc = await startRefreshing({ 'role-to-assume': DEPLOY }, tokens.env, 3_600_000)
    const chained = await startRefreshing(
      { 'role-to-assume': CHAINED_ROLE, 'role-chaining': 'true' },
      { ...oidc.main.exportedEnv }
    )
    const deploy = fake.sessions.find(s => s.roleName === 'deploy')!
    const first = await pastFirstExpiry('chained')
    const after = await laterStep(chained.main)
    expect(after.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/chained/GitHubActions`)
    expect(after.accessKeyId).not.toBe(first.accessKeyId)
    // Every chained assume, the step's and the renewals, was signed with the session the first endpoint
    // serves: the second process read it there, through its pipe-given URL and token.
    const chainedAssumes = fake.requests.filter(r => r.action === 'AssumeRole' && r.status === 200)
    expect(chainedAssumes.length).toBeGreaterThanOrEqual(2)
    expect(new Set(chainedAssumes.map(r => r.accessKeyId))).toEqual(new Set([deploy.accessKeyId]))

    await settle()
    await runPost({ main: chained.main })
    await runPost({ main: oidc.main })
    expect([isRunning(oidc.pid), isRunning(chained.pid)]).toEqual([false, false])
  })

  it('aws-profile: the profile runs credential_process against the endpoint, with no key in the files', async () => {
    const { main, pid } = await startRefreshing(
      { 'role-to-assume': DEPLOY, 'aws-profile': 'deploy' },
      tokens.env,
      3_600_000
    )
    // With a profile, the environment is left alone (output-env-credentials defaults to false).
    expect(main.exportedEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBeUndefined()
    const files = ['credentials', 'config'].map(name => readFileSync(`${main.job.home}/.aws/${name}`, 'utf8'))
    expect(files[0]).toMatch(
      /^credential_process = ".+" ".+credential-process\.js" "http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}" ".+"$/m
    )
    const session = fake.sessions[0]!
    for (const secret of [session.secretAccessKey, session.sessionToken, session.accessKeyId]) {
      expect(files.join('\n')).not.toContain(secret)
    }
    const later = await laterStep({ ...main, exportedEnv: { AWS_PROFILE: 'deploy' } })
    expect(later).toEqual({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`,
      accessKeyId: session.accessKeyId
    })
    await runPost({ main })
    expect(isRunning(pid)).toBe(false)
    expect(refreshFolders(main)).toEqual([])
  })

  it('refuses stored keys alone before any call, naming refresh-credentials', async () => {
    const result = await runMain({
      inputs: { 'aws-region': 'eu-west-1', ...STORED_KEYS, 'refresh-credentials': 'true' },
      env: fake.env()
    })
    const error = expectCleanFailure(result, [assumer.secret])
    expect(error).toContain('refresh-credentials')
    expect(fake.requests).toEqual([])
    expect(result.state['refresh-endpoint']).toBeUndefined()
  })

  it('leaves no process and exports nothing when the step fails', async () => {
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        ...assumeInputs('wrong-external-id'),
        'refresh-credentials': 'true'
      },
      env: fake.env()
    })
    expectCleanFailure(result, [assumer.secret])
    expect(result.state['refresh-endpoint']).toBeUndefined()
    // The process booted while the step ran; it ends with the step, whose pipe it was waiting on.
    for (let waited = 0; waited < 3_000 && endpointsOf(result).length > 0; waited += 100) await sleep(100)
    expect(endpointsOf(result)).toEqual([])
    expect(result.exportedEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBeUndefined()
    expect(refreshFolders(result)).toEqual([])
  })
})
