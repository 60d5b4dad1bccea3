import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam'
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import * as core from '../../../__fixtures__/core.js'
import type { ObtainedCredentials } from '../../../src/auth/credentials.js'
import type { OrganizationReport } from '../../../src/audit/organization/organization-report.js'

jest.unstable_mockModule('@actions/core', () => core)
const { auditOrganization } = await import('../../../src/audit/organization/audit-organization.js')
const { AuditRoleError } = await import('../../../src/audit/organization/assume-audit-role.js')
const { settingsOver } = await import('../../../__fixtures__/read-inputs.js')

const iam = mockClient(IAMClient)
const organizations = mockClient(OrganizationsClient)
const NOW = new Date('2025-06-01T12:00:00Z')
const MANAGEMENT = '111111111111'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const obtained: ObtainedCredentials = {
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
  source: 'stored-keys'
}
const identity = { account: MANAGEMENT, arn: `arn:aws:iam::${MANAGEMENT}:user/auditor`, userId: 'AIDA' }
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated'
const CSV = [
  HEADER,
  `stale,arn:aws:iam::1:user/stale,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2025-01-01T00:00:00+00:00,2025-05-30T00:00:00+00:00,us-east-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`
].join('\n')
const ids = ['222222222222', '333333333333', '444444444444', '555555555555', '666666666666']
const arn = (id: string) => `arn:aws:organizations::${MANAGEMENT}:account/o-abc123/${id}`

const settings = settingsOver({
  'aws-region': 'us-east-1',
  'aws-access-key-id': obtained.credentials.accessKeyId,
  'aws-secret-access-key': SECRET,
  'audit-scope': 'organization',
  'audit-concurrency': '2'
})

const session = { accessKeyId: 'ASIAMEMBERSESSION001', secretAccessKey: 'member-secret', sessionToken: 't' }
const clock = { now: () => 0, sleep: async () => undefined }

beforeEach(() => {
  core.reset?.()
  iam.reset()
  organizations.reset()
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
  iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(CSV), GeneratedTime: NOW })
  organizations
    .on(ListAccountsCommand)
    .resolvesOnce({
      Accounts: [MANAGEMENT, ids[0]!, ids[1]!].map(id => ({
        Id: id,
        Arn: arn(id),
        Name: `n-${id}`,
        State: 'ACTIVE'
      })),
      NextToken: 'page-2'
    })
    .resolvesOnce({
      Accounts: [
        ...ids.slice(2).map(id => ({ Id: id, Arn: arn(id), Name: `n-${id}`, State: 'ACTIVE' as const })),
        { Id: '777777777777', Arn: arn('777777777777'), Name: 'gone', State: 'SUSPENDED' as const }
      ]
    })
})

describe('auditOrganization', () => {
  it('audits the ACTIVE accounts of every page, at most audit-concurrency at once; a slow one holds only its slot', async () => {
    let inFlight = 0
    let most = 0
    const finished: string[] = []
    // The slow account waits until the four others are done (or 3 s, if they were stuck behind it).
    let othersDone: () => void = () => undefined
    const others = new Promise<void>(resolve => {
      const timer = setTimeout(resolve, 3_000)
      othersDone = () => {
        clearTimeout(timer)
        resolve()
      }
    })
    const assumeRole = jest.fn(async (_s: unknown, _c: unknown, _a: unknown, id: string) => {
      inFlight++
      most = Math.max(most, inFlight)
      await (id === ids[0] ? others : new Promise(resolve => setTimeout(resolve, 5)))
      inFlight--
      finished.push(id)
      if (finished.length === ids.length - 1) othersDone()
      return session
    })
    const outcome = await auditOrganization(settings(), obtained, identity, NOW, { assumeRole, clock })
    expect(outcome.failure).toBeUndefined()
    const report = outcome.report as OrganizationReport
    expect(report.organization).toBe('o-abc123')
    expect(report.accountsListed).toBe(6)
    expect(report.accounts.map(a => a.id).sort()).toEqual([MANAGEMENT, ...ids].sort())
    // The management account is read with the caller's keys: never through the audit role.
    expect(assumeRole.mock.calls.map(c => c[3]).sort()).toEqual([...ids].sort())
    expect(most).toBeLessThanOrEqual(2)
    // The slow account (first in line) finishes last: the others went past it.
    expect(finished.at(-1)).toBe(ids[0])
  })

  it('makes an account whose role cannot be assumed an account-not-audited finding with the fix', async () => {
    const assumeRole = jest.fn(async (_s: unknown, _c: unknown, _a: unknown, id: string) => {
      if (id === ids[1])
        throw new AuditRoleError('could not assume the role: AccessDenied.', 'Create the role.')
      return session
    })
    const outcome = await auditOrganization(settings(), obtained, identity, NOW, { assumeRole, clock })
    const report = outcome.report as OrganizationReport
    const missing = report.findings.filter(f => f.rule === 'account-not-audited')
    expect(missing).toEqual([
      expect.objectContaining({
        account: ids[1],
        severity: 'high',
        message: `Account ${ids[1]} (n-${ids[1]}) was not audited: could not assume the role: AccessDenied. Create the role.`
      })
    ])
    expect(report.totals.accountsNotAudited).toBe(1)
  })

  it('hides every account id behind a hash with mask-aws-account-id', async () => {
    const outcome = await auditOrganization(
      settings({ 'mask-aws-account-id': 'true' }),
      obtained,
      identity,
      NOW,
      {
        assumeRole: async () => session,
        clock
      }
    )
    const text = JSON.stringify(outcome.report)
    for (const id of [MANAGEMENT, ...ids]) expect(text).not.toContain(id)
  })

  it('fails, naming what to allow, when ListAccounts is denied', async () => {
    organizations.reset()
    organizations.on(ListAccountsCommand).rejects(
      Object.assign(new Error("You don't have permissions to access this resource."), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 }
      })
    )
    const outcome = await auditOrganization(settings(), obtained, identity, NOW, { clock })
    expect(outcome.report).toBeUndefined()
    expect(outcome.failure).toContain('The organization audit could not list the accounts')
    expect(outcome.failure).toContain('"Action":"organizations:ListAccounts"')
    expect(outcome.failure).toContain('audit-accounts')
  })

  it('audits only the listed ids, without ListAccounts, with audit-accounts', async () => {
    const outcome = await auditOrganization(
      settings({ 'audit-accounts': `${ids[0]}, ${ids[1]}` }),
      obtained,
      identity,
      NOW,
      { assumeRole: async () => session, clock }
    )
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(0)
    const report = outcome.report as OrganizationReport
    expect(report.organization).toBe(`accounts of ${MANAGEMENT}`)
    expect(report.accounts.map(a => a.id).sort()).toEqual([ids[0], ids[1]])
  })
})
