import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { accessDenied } from '../../__fixtures__/aws-errors.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mockClient } from 'aws-sdk-client-mock'
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListUsersCommand
} from '@aws-sdk/client-iam'
import * as core from '../../__fixtures__/core.js'
import type { CheckResult } from '../../src/checks/check-result.js'
import type { ObtainedCredentials } from '../../src/auth/credentials.js'
import type { AuditReport } from '../../src/audit/audit-report.js'
import type { AuditJob } from '../../src/audit/audit-job.js'
import type { AuditContext, AuditOutcome } from '../../src/audit/run-audit.js'
import type { PublishAuditSettings } from '../../src/effects/publish-audit.js'

jest.unstable_mockModule('@actions/core', () => core)
const { auditJobOf, runAudit } = await import('../../src/audit/run-audit.js')
const { publishAudit } = await import('../../src/effects/publish-audit.js')
const { settingsOver } = await import('../../__fixtures__/read-inputs.js')
const { auditHere } = await import('../../src/audit/audit-job.js')

const iam = mockClient(IAMClient)
const dir = mkdtempSync(join(tmpdir(), 'run-audit-'))
const NOW = new Date('2025-06-01T12:00:00Z')
const DAY = 86_400_000
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const obtained: ObtainedCredentials = {
  credentials: { accessKeyId: 'ASIAAUDITSESSION0001', secretAccessKey: SECRET, sessionToken: 'token' },
  source: 'stored-keys'
}
const identity: CheckResult = {
  name: 'identity',
  status: 'pass',
  durationMs: 3,
  detail: 'arn:aws:sts::123456789012:assumed-role/audit/GitHubActions',
  data: { account: '123456789012', arn: 'arn', userId: 'AROA' }
}

const day = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString().replace(/\.\d{3}Z$/, '+00:00')
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated'
const CSV = [
  HEADER,
  `<root_account>,arn:aws:iam::123456789012:root,${day(2000)},not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `fresh,arn:aws:iam::123456789012:user/fresh,${day(300)},false,N/A,N/A,N/A,false,true,${day(10)},${day(0)},us-east-1,sts,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `stale,arn:aws:iam::123456789012:user/stale,${day(300)},false,N/A,N/A,N/A,false,true,${day(100)},${day(60)},us-east-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`
].join('\n')

const settings = settingsOver({
  'aws-region': 'eu-west-1',
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': SECRET,
  'audit-scope': 'account',
  'github-token': 'ghs_token'
})

const deps = {
  clock: { now: () => 0, sleep: async () => undefined },
  syncIssue: jest.fn(async () => undefined as string | undefined)
}
/** The audit in this thread, with the seams above (the action runs it in a worker). */
const here = (job: AuditJob) => auditHere(job, deps)

/** The audit stage as the pipeline runs it: the job, the audit, then its effects (publish-audit.ts). */
async function audited(
  context: AuditContext & { readonly settings: PublishAuditSettings }
): Promise<AuditOutcome | undefined> {
  const job = auditJobOf(context)
  return job && publishAudit(context.settings, await runAudit(job, here), deps.syncIssue)
}

function outputs(): Record<string, unknown> {
  return Object.fromEntries(core.calls.filter(c => c.fn === 'setOutput').map(c => [c.args[0], c.args[1]]))
}

describe('run-audit', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
    iam.reset()
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
    iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(CSV), GeneratedTime: NOW })
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md')
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
    delete process.env.GITHUB_STEP_SUMMARY
  })

  it('does nothing for audit-scope: caller', async () => {
    expect(
      await audited({ settings: settings({ 'audit-scope': '' }), obtained, results: [identity], now: NOW })
    ).toBeUndefined()
    expect(iam.calls()).toHaveLength(0)
  })

  it('does not audit when the identity check failed', async () => {
    const failed: CheckResult = { ...identity, status: 'fail' }
    expect(await audited({ settings: settings(), obtained, results: [failed], now: NOW })).toBeUndefined()
    expect(iam.calls()).toHaveLength(0)
  })

  it('audits with the obtained credentials, sets findings-count and writes the summary', async () => {
    const audit = await audited({ settings: settings(), obtained, results: [identity], now: NOW })
    const client = iam.send.getCall(0).thisValue as IAMClient
    await expect(client.config.credentials()).resolves.toMatchObject({ accessKeyId: 'ASIAAUDITSESSION0001' })
    expect(await client.config.maxAttempts()).toBe(12)

    expect(audit?.warnings).toEqual([])
    expect(audit?.report?.generatedAt).toBe(NOW.toISOString())
    expect(audit?.report?.findings.map(f => [f.user, f.rule, f.ageDays])).toEqual([
      ['stale', 'cis-1.14-key-expired', 100],
      ['stale', 'cis-1.12-key-unused', 100]
    ])
    expect(outputs()).toEqual({ 'findings-count': '2' })
    expect(core.summary.addRaw).toHaveBeenCalledWith(
      expect.stringContaining('<h2>Access key audit of account 123456789012</h2>')
    )
    expect(core.summary.write).toHaveBeenCalled()
    expect(deps.syncIssue).not.toHaveBeenCalled()
  })

  it('names the account by a hash with mask-aws-account-id, in the report too', async () => {
    const audit = await audited({
      settings: settings({ 'mask-aws-account-id': 'true' }),
      obtained,
      results: [identity],
      now: NOW
    })
    expect((audit?.report as AuditReport | undefined)?.account).toMatch(/^sha256:[0-9a-f]{16}$/)
    expect(JSON.stringify(audit?.report)).not.toContain('123456789012')
  })

  it('keeps the account id out of the source notes too, which quote AWS denials', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .rejects(accessDenied('iam:GenerateCredentialReport on arn:aws:iam::123456789012:root'))
    iam.on(ListUsersCommand).resolves({ Users: [] })
    const audit = await audited({
      settings: settings({ 'mask-aws-account-id': 'true' }),
      obtained,
      results: [identity],
      now: NOW
    })
    expect((audit?.report as AuditReport | undefined)?.source).toBe('iam-api')
    expect((audit?.report as AuditReport | undefined)?.sourceNotes[0]).toContain('arn:aws:iam::sha256:')
    expect(JSON.stringify(audit?.report)).not.toContain('123456789012')
  })

  it('syncs the issue with open-issue, and passes on its warning', async () => {
    deps.syncIssue.mockResolvedValueOnce('Could not update the audit issue: HTTP 403')
    const s = settings({ 'open-issue': 'true' })
    const audit = await audited({ settings: s, obtained, results: [identity], now: NOW })
    expect(deps.syncIssue).toHaveBeenCalledWith(s, audit?.report)
    expect(audit?.warnings).toEqual(['Could not update the audit issue: HTTP 403'])
  })

  it('returns a failure, and sets nothing, when the keys cannot be read', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(accessDenied('iam:GenerateCredentialReport'))
    iam.on(ListUsersCommand).rejects(accessDenied('iam:ListUsers'))
    const audit = await audited({
      settings: settings({ 'open-issue': 'true' }),
      obtained,
      results: [identity],
      now: NOW
    })
    expect(audit?.failure).toContain('The credential report was denied')
    expect(audit?.report).toBeUndefined()
    expect(outputs()).toEqual({})
    // A failed audit says nothing about the keys: the issue must not be closed or changed.
    expect(deps.syncIssue).not.toHaveBeenCalled()
  })
})
