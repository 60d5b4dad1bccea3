import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { stsSession as session } from '../../__fixtures__/sts-session.js'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mockClient } from 'aws-sdk-client-mock'
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand
} from '@aws-sdk/client-iam'
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2'
import * as core from '../../__fixtures__/core.js'
import { mockHeadStartNetwork } from '../../__fixtures__/head-start-mocks.js'
import { fakeJwt, githubClaims } from '../../test/oidc/jwt.js'
import type { AuditJob } from '../../src/audit/audit-job.js'

const { requestIdToken, preconnect } = mockHeadStartNetwork()
// A worker thread cannot load this TypeScript: the audit runs in this thread, against the SDK mocks (the
// e2e tests run it in the bundle's worker).
jest.unstable_mockModule('../../src/audit/audit-worker.js', () => ({
  auditInWorker: async (job: AuditJob) => (await import('../../src/audit/audit-job.js')).auditHere(job)
}))
const { run } = await import('../../src/main/run-main.js')

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN'
const inputs = {
  'aws-region': 'eu-west-1',
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': SECRET,
  checks: 'identity'
}
const sts = mockClient(STSClient)
const iam = mockClient(IAMClient)
const ec2 = mockClient(EC2Client)
const allChecks = { ...inputs, checks: 'identity,regions,users,key-age' }

function keyCreated(daysAgo: number) {
  iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      {
        UserName: 'ci',
        AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        Status: 'Active',
        CreateDate: new Date(Date.now() - daysAgo * 86_400_000 - 60_000)
      }
    ]
  })
}

function outputs(): Record<string, string> {
  return Object.fromEntries(
    core.calls.filter(c => c.fn === 'setOutput').map(c => [String(c.args[0]), String(c.args[1])])
  )
}
const identity = { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ci', UserId: 'AIDAEXAMPLE' }

/** Position of the first call that could carry a value out of the process. */
function firstWrite(): number {
  return core.calls.findIndex(c =>
    ['setOutput', 'exportVariable', 'info', 'warning', 'setFailed', 'error'].includes(c.fn)
  )
}

function exported(): string[] {
  return core.calls.filter(c => c.fn === 'exportVariable').map(c => String(c.args[0]))
}

describe('main/run-main.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    sts.reset()
    iam.reset()
    ec2.reset()
    ec2
      .on(DescribeRegionsCommand)
      .resolves({ Regions: [{ RegionName: 'eu-west-1' }, { RegionName: 'us-east-1' }] })
    iam.on(ListUsersCommand).resolves({ Users: [{ UserName: 'ci' } as never] })
    core.reset(inputs)
  })

  it('authenticates with stored keys, then exports credentials and region', async () => {
    sts.on(GetCallerIdentityCommand).resolves(identity)
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(exported()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_REGION',
      'AWS_DEFAULT_REGION'
    ])
    expect(core.exportVariable).toHaveBeenCalledWith('AWS_SECRET_ACCESS_KEY', SECRET)
    expect(core.exportVariable).toHaveBeenCalledWith('AWS_REGION', 'eu-west-1')
    expect(core.setOutput).toHaveBeenCalledWith('aws-account-id', '123456789012')
    expect(core.setOutput).toHaveBeenCalledWith('aws-arn', identity.Arn)
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1)
  })

  it('signs with the stored keys, never with credentials from the environment', async () => {
    core.reset({ ...inputs, 'retry-max-attempts': '7' })
    sts.on(GetCallerIdentityCommand).resolves(identity)
    await run()
    const client = sts.send.getCall(0).thisValue as STSClient
    await expect(client.config.credentials()).resolves.toMatchObject({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: SECRET
    })
    // retry-max-attempts reaches the client (7: not the SDK's default of 3, nor the input's of 5).
    await expect(client.config.maxAttempts()).resolves.toBe(7)
  })

  it('masks the secret and the session token before anything is printed, output or exported', async () => {
    core.reset({ ...inputs, 'aws-session-token': TOKEN, 'output-credentials': 'true' })
    sts.on(GetCallerIdentityCommand).resolves(identity)
    await run()
    const masks = core.calls.filter(c => c.fn === 'setSecret').map(c => c.args[0])
    expect(masks).toEqual(expect.arrayContaining([SECRET, TOKEN]))
    const lastMaskBeforeWrite = core.calls.findIndex(c => c.fn === 'setSecret' && c.args[0] === TOKEN)
    expect(lastMaskBeforeWrite).toBeGreaterThanOrEqual(0)
    expect(lastMaskBeforeWrite).toBeLessThan(firstWrite())
    expect(core.setOutput).toHaveBeenCalledWith('aws-secret-access-key', SECRET)
    expect(core.exportVariable).toHaveBeenCalledWith('AWS_SESSION_TOKEN', TOKEN)
  })

  it.each([
    [
      'an unknown key id',
      Object.assign(new Error('invalid'), {
        name: 'InvalidClientTokenId',
        $metadata: { httpStatusCode: 403 }
      }),
      'AWS does not recognise access key AKIA…MPLE'
    ],
    [
      'a wrong secret',
      Object.assign(new Error('mismatch'), {
        name: 'SignatureDoesNotMatch',
        $metadata: { httpStatusCode: 403 }
      }),
      'The secret access key does not match'
    ],
    [
      'an unreachable endpoint',
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED', $metadata: { attempts: 5 } }),
      'after 5 attempts (ECONNREFUSED)'
    ]
  ])('fails with one actionable error and exports nothing on %s', async (_case, error, message) => {
    sts.on(GetCallerIdentityCommand).rejects(error)
    await run()
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(String(core.setFailed.mock.calls[0][0])).toContain(message)
    expect(exported()).toEqual([])
    expect(core.setOutput).not.toHaveBeenCalledWith('aws-secret-access-key', expect.anything())
  })

  it('fails without exporting when the account is not allowed, but still sets the identity outputs', async () => {
    core.reset({ ...inputs, 'allowed-account-ids': '210987654321' })
    sts.on(GetCallerIdentityCommand).resolves(identity)
    await run()
    expect(core.setFailed).toHaveBeenCalledWith(
      expect.stringContaining('account 123456789012, which is not in allowed-account-ids (210987654321)')
    )
    expect(exported()).toEqual([])
    expect(core.setOutput).toHaveBeenCalledWith('aws-account-id', '123456789012')
  })

  it('masks the account id when asked, before the outputs carry it', async () => {
    core.reset({ ...inputs, 'mask-aws-account-id': 'true' })
    sts.on(GetCallerIdentityCommand).resolves(identity)
    await run()
    const mask = core.calls.findIndex(c => c.fn === 'setSecret' && c.args[0] === '123456789012')
    const output = core.calls.findIndex(c => c.fn === 'setOutput' && c.args[0] === 'aws-account-id')
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(mask).toBeLessThan(output)
  })

  it('rejects a bad input before any AWS call, naming the input', async () => {
    core.reset({ ...inputs, 'aws-region': 'eu-west-1\nAWS_ACCESS_KEY_ID=evil' })
    await run()
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining("Invalid input 'aws-region'"))
    expect(sts.calls()).toHaveLength(0)
    expect(preconnect).not.toHaveBeenCalled()
    expect(exported()).toEqual([])
  })

  it('reports a thrown non-Error instead of ending silently', async () => {
    sts.on(GetCallerIdentityCommand).callsFake(() => {
      throw 'weird'
    })
    await run()
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(String(core.setFailed.mock.calls[0][0])).toContain('weird')
  })

  it('runs every check, sets every output and exports when the key is fresh', async () => {
    core.reset(allChecks)
    sts.on(GetCallerIdentityCommand).resolves(identity)
    keyCreated(10)
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(outputs()).toMatchObject({
      regions: '["eu-west-1","us-east-1"]',
      'region-count': '2',
      'iam-user-count': '1',
      'key-age-days': '10',
      'key-status': 'ok'
    })
    expect(
      JSON.parse(outputs().checks).map((c: { name: string; status: string }) => `${c.name}:${c.status}`)
    ).toEqual(['identity:pass', 'regions:pass', 'users:pass', 'key-age:pass'])
    expect(exported()).toContain('AWS_ACCESS_KEY_ID')
  })

  it('fails an expired key with the rotation steps, exports nothing, but still sets the outputs', async () => {
    core.reset(allChecks)
    sts.on(GetCallerIdentityCommand).resolves(identity)
    keyCreated(100)
    await run()
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(String(core.setFailed.mock.calls[0][0])).toContain(
      '100 days old, past max-key-age-days (90, CIS 1.14)'
    )
    expect(exported()).toEqual([])
    expect(outputs()).toMatchObject({
      'key-age-days': '100',
      'key-status': 'expired',
      'aws-account-id': '123456789012'
    })
  })

  it('warns about an expired key but exports when enforce-key-age is false', async () => {
    core.reset({ ...allChecks, 'enforce-key-age': 'false' })
    sts.on(GetCallerIdentityCommand).resolves(identity)
    keyCreated(100)
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(core.warning).toHaveBeenCalledWith(expect.stringContaining('100 days old'))
    expect(exported()).toContain('AWS_SECRET_ACCESS_KEY')
  })

  it('writes the caller report to report-path, pass or fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'))
    core.reset({ ...allChecks, 'report-path': join(dir, 'out/report.json') })
    sts.on(GetCallerIdentityCommand).resolves(identity)
    keyCreated(100)
    await run()
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'))
    expect(report).toMatchObject({
      scope: 'caller',
      account: '123456789012',
      result: 'fail',
      keyStatus: 'expired',
      keyAgeDays: 100,
      thresholds: { warnKeyAgeDays: 75, maxKeyAgeDays: 90 },
      regions: ['eu-west-1', 'us-east-1'],
      iamUserCount: 1
    })
    expect(JSON.stringify(report)).not.toContain(SECRET)
    expect(outputs()['report-path']).toBe(join(dir, 'out/report.json'))
  })

  describe('with GitHub OIDC', () => {
    const ROLE = 'arn:aws:iam::123456789012:role/deploy'
    const ASSUMED = 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions'
    const ID_TOKEN = fakeJwt(githubClaims())
    const oidcInputs = { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE }

    beforeEach(() => {
      core.reset(oidcInputs)
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL = 'http://127.0.0.1:1/token?api-version=2.0'
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
    })
    afterEach(() => {
      delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
      delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    })

    it('assumes the role, reports the session and exports it, masking the session first', async () => {
      requestIdToken.mockResolvedValueOnce(ID_TOKEN)
      sts.on(AssumeRoleWithWebIdentityCommand).resolves({
        Credentials: session,
        AssumedRoleUser: { Arn: ASSUMED, AssumedRoleId: 'AROA:GitHubActions' }
      })
      sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: ASSUMED, UserId: 'AROA:x' })
      await run()
      expect(core.setFailed).not.toHaveBeenCalled()
      expect(core.setOutput).toHaveBeenCalledWith('aws-arn', ASSUMED)
      expect(core.setOutput).toHaveBeenCalledWith('aws-expiration', '2026-03-01T13:00:00.000Z')
      expect(core.setOutput).toHaveBeenCalledWith('key-status', 'temporary')
      expect(core.exportVariable).toHaveBeenCalledWith('AWS_SESSION_TOKEN', session.SessionToken)
      // The OIDC token is masked by getIDToken itself (the e2e suite checks the real one).
      for (const secret of [session.SecretAccessKey, session.SessionToken]) {
        const masked = core.calls.findIndex(c => c.fn === 'setSecret' && c.args[0] === secret)
        expect(masked).toBeGreaterThanOrEqual(0)
        expect(masked).toBeLessThan(firstWrite())
      }
    })

    it('asks for `permissions: id-token: write` when the token variables are missing', async () => {
      delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
      await run()
      expect(core.setFailed).toHaveBeenCalledTimes(1)
      expect(String(core.setFailed.mock.calls[0][0])).toContain('permissions: id-token: write')
      expect(sts.calls()).toHaveLength(0)
      expect(exported()).toEqual([])
    })
  })

  describe('with aws-profile', () => {
    const savedEnv = { HOME: process.env.HOME, RUNNER_TEMP: process.env.RUNNER_TEMP }
    let home: string
    const credentialsFile = () => join(home, '.aws', 'credentials')

    beforeEach(() => {
      home = mkdtempSync(join(tmpdir(), 'main-profile-'))
      process.env.HOME = home
      process.env.RUNNER_TEMP = home
      core.reset({ ...inputs, 'aws-profile': 'ci', 'output-env-credentials': 'true' })
    })
    afterEach(() => {
      rmSync(home, { recursive: true, force: true })
      Object.assign(process.env, savedEnv)
    })

    it('writes the profile and exports AWS_PROFILE only when the step succeeds', async () => {
      sts.on(GetCallerIdentityCommand).resolves(identity)
      await run()
      expect(core.setFailed).not.toHaveBeenCalled()
      expect(readFileSync(credentialsFile(), 'utf8')).toContain(
        `[ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n`
      )
      expect(core.exportVariable).toHaveBeenCalledWith('AWS_PROFILE', 'ci')
      expect(core.saveState).toHaveBeenCalledWith('profile-backup', expect.stringContaining(home))
    })

    it('writes nothing when the step fails', async () => {
      core.reset({ ...inputs, 'aws-profile': 'ci', 'allowed-account-ids': '210987654321' })
      sts.on(GetCallerIdentityCommand).resolves(identity)
      await run()
      expect(core.setFailed).toHaveBeenCalledTimes(1)
      expect(existsSync(join(home, '.aws'))).toBe(false)
      expect(core.saveState).not.toHaveBeenCalled()
      expect(exported()).toEqual([])
    })

    it('fails on an existing profile before any AWS call, leaving the file alone', async () => {
      mkdirSync(join(home, '.aws'))
      writeFileSync(credentialsFile(), '[ci]\naws_access_key_id = AKIAOLD\n')
      await run()
      expect(core.setFailed).toHaveBeenCalledWith(
        expect.stringMatching(
          /Invalid input 'aws-profile': profile 'ci' already exists.*overwrite-aws-profile/
        )
      )
      expect(sts.calls()).toHaveLength(0)
      expect(preconnect).not.toHaveBeenCalled()
      expect(readFileSync(credentialsFile(), 'utf8')).toBe('[ci]\naws_access_key_id = AKIAOLD\n')
      expect(exported()).toEqual([])
    })
  })
})

describe('main/run-main.ts with audit-scope: account', () => {
  const reportPath = join(mkdtempSync(join(tmpdir(), 'main-audit-')), 'key-audit.json')
  const old = (days: number) =>
    new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00')
  const csv = [
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
    `<root_account>,arn:aws:iam::123456789012:root,${old(2000)},not_supported,no_information,not_supported,not_supported,true,true,${old(900)},${old(1)},us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    `ci,arn:aws:iam::123456789012:user/ci,${old(300)},false,N/A,N/A,N/A,false,true,${old(10)},${old(0)},us-east-1,sts,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`
  ].join('\n')

  beforeEach(() => {
    jest.clearAllMocks()
    sts.reset()
    iam.reset()
    core.reset({ ...inputs, 'audit-scope': 'account', 'report-path': reportPath })
    sts.on(GetCallerIdentityCommand).resolves(identity)
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
    iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(csv) })
  })

  it('fails on findings without exporting, but sets the audit outputs and annotates each finding', async () => {
    await run()
    expect(core.setFailed).toHaveBeenCalledWith(
      expect.stringContaining('The account audit of 123456789012 found 1 access key finding(s) (1 critical)')
    )
    expect(exported()).toEqual([])
    expect(core.setOutput).toHaveBeenCalledWith('findings-count', '1')
    expect(core.setOutput).toHaveBeenCalledWith('report-path', reportPath)
    expect(core.warning).toHaveBeenCalledWith(
      expect.stringMatching(/^Key audit \[critical, CIS 1\.4\]: The root user/)
    )
    expect(JSON.parse(readFileSync(reportPath, 'utf8')).findings).toHaveLength(1)
  })

  it('passes and exports with fail-on-findings: false, still annotating', async () => {
    core.reset({
      ...inputs,
      'audit-scope': 'account',
      'report-path': reportPath,
      'fail-on-findings': 'false'
    })
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(exported()).toContain('AWS_ACCESS_KEY_ID')
    expect(core.warning).toHaveBeenCalledTimes(1)
  })
})
