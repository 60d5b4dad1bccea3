// role-to-assume through the bundled action: GitHub OIDC (token server → unsigned
// AssumeRoleWithWebIdentity), a token file, stored keys + AssumeRole, and role chaining, against the
// signature-checking fake endpoint. Every test also runs the leak check.
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { loadSeed, seedKey } from '../../test/fake-aws/index.js'
import { defaultGitHubClaims } from '../../test/oidc/token-server.js'
import {
  assertNoSecretLeaks,
  createJob,
  maskPosition,
  runMain,
  transcriptText,
  type RunResult
} from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { addChainedRole } from '../../test/fake-aws/chained-role.js'
import { expectCleanFailure } from '../../test/runner/expect-clean-failure.js'

const ACCOUNT = '123456789012'
const DEPLOY = `arn:aws:iam::${ACCOUNT}:role/deploy`
const CI_TARGET = `arn:aws:iam::${ACCOUNT}:role/ci-target`
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`

// The default seed, plus a role that the deploy role's sessions may chain into.
const seed = loadSeed()
addChainedRole(seed)
const assumer = seedKey(seed, 'ci-assumer')

const { fake, tokens, oidcEnv } = useFakeAws(seed, { oidc: true })

const oidcInputs = (extra: Record<string, string> = {}) => ({
  'aws-region': 'eu-west-1',
  'role-to-assume': DEPLOY,
  ...extra
})

/**
 * Every secret the step could have printed, as the fakes recorded them (never the step's own masks):
 * the tokens the token server issued, the sessions the fake minted, the runner's request token.
 * runMain checks all of them on every step anyway; the explicit calls below say what each test expects.
 */
function secretsOf(extra: string[] = []): string[] {
  return [
    ...tokens.issued,
    ...fake.sessions.flatMap(s => [s.secretAccessKey, s.sessionToken]),
    tokens.requestToken,
    ...extra
  ]
}

/** Whether the step registered `secret` with ::add-mask:: (a secret from the fakes, not from result.masks). */
const maskedBeforeEnd =
  (result: RunResult) =>
  (secret: string): boolean =>
    maskPosition(transcriptText(result), secret) >= 0

/** STS writes expirations to the second, as the XML carries them. */
function toWholeSeconds(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString()
}

describe('GitHub OIDC', () => {
  it('assumes the role, exports a session that works in a later process, in three round trips', async () => {
    // Latency makes "concurrent" measurable: overlapping calls cannot be mistaken for sequential ones.
    fake.latencyMs = 40
    const result = await runMain({ inputs: oidcInputs(), env: oidcEnv() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)

    const [session] = fake.sessions
    expect(session).toMatchObject({
      via: 'AssumeRoleWithWebIdentity',
      roleArn: DEPLOY,
      sessionName: 'GitHubActions'
    })
    expect(result.outputs).toMatchObject({
      'aws-account-id': ACCOUNT,
      'aws-arn': `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`,
      'aws-expiration': toWholeSeconds(session!.expiration),
      'key-status': 'temporary'
    })
    expect(result.exportedEnv).toMatchObject({
      AWS_ACCESS_KEY_ID: session!.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session!.secretAccessKey,
      AWS_SESSION_TOKEN: session!.sessionToken,
      AWS_REGION: 'eu-west-1'
    })
    // The token was requested for the default audience and masked; so were the session's secrets.
    expect(tokens.requests).toEqual([{ audience: 'sts.amazonaws.com', authorized: true, status: 200 }])
    expect(tokens.issued).toHaveLength(1)
    expect(fake.sessions).toHaveLength(1)
    const masked = maskedBeforeEnd(result)
    expect([tokens.issued[0]!, session!.secretAccessKey, session!.sessionToken].map(masked)).toEqual([
      true,
      true,
      true
    ])
    assertNoSecretLeaks(result, secretsOf())

    // The exchange went unsigned; every later call was signed with the new session.
    const exchange = fake.requests.find(r => r.action === 'AssumeRoleWithWebIdentity')
    expect(exchange).toMatchObject({ status: 200, accessKeyId: undefined })
    const later = fake.requests.filter(r => r.action !== 'AssumeRoleWithWebIdentity')
    expect(later.map(r => r.action).sort()).toEqual(['DescribeRegions', 'GetCallerIdentity', 'ListUsers'])
    expect(later.every(r => r.accessKeyId === session!.accessKeyId && r.status === 200)).toBe(true)
    // Token (1) → AssumeRoleWithWebIdentity (2) → the checks, all at once (3).
    expect(fake.sequentialRoundTrips()).toBe(2)
    expect(tokens.requests).toHaveLength(1)

    // A later step (another process) uses the exported variables with a real SDK client.
    const sts = new STSClient({
      region: result.exportedEnv.AWS_REGION,
      endpoint: fake.url,
      credentials: {
        accessKeyId: result.exportedEnv.AWS_ACCESS_KEY_ID!,
        secretAccessKey: result.exportedEnv.AWS_SECRET_ACCESS_KEY!,
        sessionToken: result.exportedEnv.AWS_SESSION_TOKEN
      }
    })
    const identity = await sts.send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`)
  })

  it('explains a trust policy that does not match the token: claims, provider and Condition', async () => {
    tokens.claims = defaultGitHubClaims({ ref: 'refs/heads/feature/login' })
    const result = await runMain({ inputs: oidcInputs(), env: oidcEnv() })
    const error = expectCleanFailure(result, secretsOf())
    expect(error).toContain(`Could not assume ${DEPLOY} with GitHub OIDC`)
    expect(error).toContain('"sub":"repo:octo-org/octo-repo:ref:refs/heads/feature/login"')
    expect(error).toContain('"aud":"sts.amazonaws.com"')
    expect(error).toContain('"iss":"https://token.actions.githubusercontent.com"')
    expect(error).toContain('"ref":"refs/heads/feature/login"')
    expect(error).toContain(`must trust the provider ${PROVIDER}`)
    expect(error).toContain(
      '"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:ref:refs/heads/feature/login"}'
    )
    // The full policy is in the log for copying, and AccessDenied was not retried.
    expect(result.stdout).toContain('"Version": "2012-10-17"')
    expect(fake.requests.filter(r => r.action === 'AssumeRoleWithWebIdentity')).toHaveLength(1)
    expect(result.outputs['aws-arn']).toBeUndefined()
  })

  it('the Condition it prints is one the role accepts', async () => {
    tokens.claims = defaultGitHubClaims({ environment: 'production' })
    const denied = await runMain({ inputs: oidcInputs(), env: oidcEnv() })
    const error = expectCleanFailure(denied, secretsOf())
    const condition = JSON.parse(/with this Condition: (\{.*?\}\})\./.exec(error)![1]!)
    const role = fake.account.roles.get('deploy')!
    role.trustPolicy.Statement[0]!.Condition = condition
    const allowed = await runMain({ inputs: oidcInputs(), env: oidcEnv() })
    expect(allowed.errors).toEqual([])
    expect(allowed.exitCode).toBe(0)
  })

  it('asks for `permissions: id-token: write` when the token variables are missing', async () => {
    const result = await runMain({ inputs: oidcInputs(), env: fake.env() })
    const error = expectCleanFailure(result, [tokens.requestToken])
    expect(error).toContain('permissions: id-token: write')
    expect(error).toContain('forks')
    expect(fake.requests).toEqual([])
  })

  it('retries a transient IDP error and a key-fetch InvalidIdentityToken, then succeeds', async () => {
    fake.inject('sts:AssumeRoleWithWebIdentity', { code: 'IDPCommunicationError' })
    fake.inject('sts:AssumeRoleWithWebIdentity', { code: 'InvalidIdentityToken' })
    const result = await runMain({ inputs: oidcInputs(), env: oidcEnv() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const exchanges = fake.requests.filter(r => r.action === 'AssumeRoleWithWebIdentity')
    expect(exchanges.map(r => r.errorCode ?? r.status)).toEqual([
      'IDPCommunicationError',
      'InvalidIdentityToken',
      200
    ])
    // One token served all three attempts.
    expect(tokens.requests).toHaveLength(1)
    assertNoSecretLeaks(result, secretsOf())
  })

  it('gives up after retry-max-attempts when the IDP stays unreachable, and says so', async () => {
    fake.inject('sts:AssumeRoleWithWebIdentity', { code: 'IDPCommunicationError', times: 10 })
    const result = await runMain({ inputs: oidcInputs({ 'retry-max-attempts': '3' }), env: oidcEnv() })
    const error = expectCleanFailure(result, secretsOf())
    expect(error).toContain('could not reach https://token.actions.githubusercontent.com')
    expect(error).toContain('after 3 attempts')
    expect(fake.requests.filter(r => r.action === 'AssumeRoleWithWebIdentity')).toHaveLength(3)
  })

  it('tells how to create the provider when the account has none, without retrying', async () => {
    fake.account.oidcProviders.length = 0
    const result = await runMain({ inputs: oidcInputs(), env: oidcEnv() })
    const error = expectCleanFailure(result, secretsOf())
    expect(error).toContain(
      'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com'
    )
    expect(fake.requests).toHaveLength(1)
  })
})

describe('web-identity-token-file', () => {
  it('exchanges the token in the file (relative to the workspace) without asking GitHub', async () => {
    const job = createJob()
    const token = tokens.mint()
    writeFileSync(join(job.workspace, 'token.jwt'), `${token}\n`)
    const result = await runMain({
      job,
      inputs: oidcInputs({ 'web-identity-token-file': 'token.jwt' }),
      env: fake.env()
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(tokens.requests).toEqual([])
    expect(maskedBeforeEnd(result)(token)).toBe(true)
    expect(result.outputs['aws-arn']).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`)
    assertNoSecretLeaks(result, secretsOf([token]))
  })
})

describe('stored keys + AssumeRole', () => {
  const keyInputs = (extra: Record<string, string> = {}) => ({
    'aws-region': 'eu-west-1',
    'aws-access-key-id': assumer.id,
    'aws-secret-access-key': assumer.secret,
    'role-to-assume': CI_TARGET,
    'role-external-id': 'octo-external-42',
    ...extra
  })

  it('assumes the role with the external id and GitHub session tags; key-age still inspects the stored key', async () => {
    const result = await runMain({ inputs: keyInputs(), env: fake.env() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const [session] = fake.sessions
    expect(session).toMatchObject({
      via: 'AssumeRole',
      sourceArn: `arn:aws:iam::${ACCOUNT}:user/ci-assumer`,
      externalId: 'octo-external-42',
      tags: [
        { key: 'GitHub', value: 'Actions' },
        { key: 'Repository', value: 'octo-org/octo-repo' },
        { key: 'Workflow', value: 'deploy' },
        { key: 'Action', value: '__octo-org_aws-auth-check' },
        { key: 'Actor', value: 'octocat' },
        { key: 'Commit', value: 'ffac537e6cbbf934b08745a378932722df287a53' },
        { key: 'Branch', value: 'refs/heads/main' }
      ]
    })
    expect(result.outputs).toMatchObject({
      'aws-arn': `arn:aws:sts::${ACCOUNT}:assumed-role/ci-target/GitHubActions`,
      'aws-expiration': toWholeSeconds(session!.expiration),
      'key-age-days': '15',
      'key-status': 'ok'
    })
    expect(fake.requests.find(r => r.action === 'ListAccessKeys')?.accessKeyId).toBe(assumer.id)
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe(session!.accessKeyId)
    assertNoSecretLeaks(result, secretsOf([assumer.secret]))
  })

  it('completes a bare role name with the account of the stored keys', async () => {
    const result = await runMain({ inputs: keyInputs({ 'role-to-assume': 'ci-target' }), env: fake.env() })
    expect(result.errors).toEqual([])
    expect(fake.sessions[0]?.roleArn).toBe(CI_TARGET)
  })

  it('on a wrong external id says who was refused and which statements allow it', async () => {
    const result = await runMain({ inputs: keyInputs({ 'role-external-id': 'guessed-id' }), env: fake.env() })
    const error = expectCleanFailure(result, secretsOf([assumer.secret]))
    expect(error).toContain(`Could not assume ${CI_TARGET} as arn:aws:iam::${ACCOUNT}:user/ci-assumer`)
    expect(error).toContain('"sts:ExternalId":"guessed-id"')
    expect(error).toContain(`"Resource":"${CI_TARGET}"`)
    expect(fake.requests.filter(r => r.action === 'AssumeRole')).toHaveLength(1)
  })
})

describe('role-chaining', () => {
  it('assumes a second role from the session an earlier OIDC step exported', async () => {
    const first = await runMain({ inputs: oidcInputs(), env: oidcEnv() })
    expect(first.exitCode).toBe(0)
    const fromEnv = {
      AWS_ACCESS_KEY_ID: first.exportedEnv.AWS_ACCESS_KEY_ID!,
      AWS_SECRET_ACCESS_KEY: first.exportedEnv.AWS_SECRET_ACCESS_KEY!,
      AWS_SESSION_TOKEN: first.exportedEnv.AWS_SESSION_TOKEN!
    }
    fake.requests.length = 0
    const result = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': 'chained', 'role-chaining': 'true' },
      env: { ...fake.env(), ...fromEnv }
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const chained = fake.sessions.find(s => s.roleName === 'chained')
    expect(chained).toMatchObject({
      via: 'AssumeRole',
      sourceArn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/chained`
    })
    expect(result.outputs).toMatchObject({
      'aws-arn': `arn:aws:sts::${ACCOUNT}:assumed-role/chained/GitHubActions`,
      'key-status': 'temporary'
    })
    // The bare name was completed with GetCallerIdentity signed by the earlier session.
    expect(fake.requests[0]).toMatchObject({
      action: 'GetCallerIdentity',
      accessKeyId: fromEnv.AWS_ACCESS_KEY_ID
    })
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe(chained!.accessKeyId)
    assertNoSecretLeaks(result, secretsOf())
  })

  it('says what to run first when the environment has no credentials', async () => {
    const result = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': DEPLOY, 'role-chaining': 'true' },
      env: fake.env()
    })
    const error = expectCleanFailure(result, [])
    expect(error).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set')
    expect(fake.requests).toEqual([])
  })
})
