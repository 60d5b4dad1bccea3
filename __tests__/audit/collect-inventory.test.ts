import { beforeEach, describe, expect, it } from '@jest/globals'
import { accessDenied } from '../../__fixtures__/aws-errors.js'
import { mockClient } from 'aws-sdk-client-mock'
import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand
} from '@aws-sdk/client-iam'
import * as sdk from '../../src/aws/iam-sdk.js'
import { ActionError } from '../../src/runtime/action-error.js'
import { collectInventory } from '../../src/audit/collect-inventory.js'

const iam = mockClient(IAMClient)
const client = { client: new IAMClient({ region: 'us-east-1' }), sdk }
const NOW = new Date('2025-06-01T12:00:00Z')
const options = {
  clock: { now: () => 0, sleep: async () => undefined },
  now: () => NOW,
  region: 'us-east-1',
  maxAttempts: 3,
  reportTimeoutMs: 10_000,
  concurrency: 4
}
const CSV = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  '<root_account>,arn:aws:iam::123456789012:root,2019-03-04T10:12:45+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2021-06-01T12:00:00+00:00,false,N/A,N/A,N/A,false,true,2025-01-10T11:22:33+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
].join('\n')

const denied = (action: string) =>
  accessDenied(action, { who: 'arn:aws:sts::123456789012:assumed-role/audit/GitHubActions' })

function allowApi(): void {
  iam
    .on(ListUsersCommand)
    .resolves({ Users: [{ UserName: 'alice', Path: '/', UserId: 'A', Arn: 'a', CreateDate: NOW }] })
  iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      { UserName: 'alice', AccessKeyId: 'AKIAALICEKEY00000001', Status: 'Active', CreateDate: NOW }
    ]
  })
  iam.on(GetAccessKeyLastUsedCommand).resolves({ AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } })
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 0 } })
}

describe('collect-inventory', () => {
  beforeEach(() => {
    iam.reset()
  })

  it('reads the credential report when it is allowed, and never touches the per-user API', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
    const generated = new Date('2025-06-01T09:30:00Z')
    iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(CSV), GeneratedTime: generated })
    const inventory = await collectInventory(client, options)
    expect(inventory).toMatchObject({ source: 'credential-report', users: 1, asOf: generated })
    expect(inventory.keys.map(k => [k.user, k.keyLabel])).toEqual([['alice', 'key 1']])
    expect(inventory.notes[0]).toContain('generated 2025-06-01T09:30:00Z')
    expect(iam.commandCalls(ListUsersCommand)).toHaveLength(0)
  })

  it.each(['iam:GenerateCredentialReport', 'iam:GetCredentialReport'])(
    'falls back to the IAM API when %s is denied, and says why',
    async action => {
      iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
      if (action === 'iam:GenerateCredentialReport')
        iam.on(GenerateCredentialReportCommand).rejects(denied(action))
      else iam.on(GetCredentialReportCommand).rejects(denied(action))
      allowApi()
      const inventory = await collectInventory(client, options)
      expect(inventory).toMatchObject({
        source: 'iam-api',
        users: 1,
        asOf: NOW,
        rootAccessKeysPresent: false
      })
      expect(inventory.keys.map(k => k.keyLabel)).toEqual(['AKIA…0001'])
      expect(inventory.notes[0]).toContain(
        `because the credential report was denied: Access denied to ${action}`
      )
      expect(inventory.notes[0]).toContain('(4 calls)')
      expect(inventory.notes[1]).toContain('checked with GetAccountSummary')
    }
  )

  it('says when the fallback could not check root keys', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(denied('iam:GenerateCredentialReport'))
    allowApi()
    iam.on(GetAccountSummaryCommand).rejects(denied('iam:GetAccountSummary'))
    const inventory = await collectInventory(client, options)
    expect(inventory.notes[1]).toContain('Root user access keys were not checked')
  })

  it('fails naming every IAM action and a minimal policy for each way when both are denied', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(denied('iam:GenerateCredentialReport'))
    iam.on(ListUsersCommand).rejects(denied('iam:ListUsers'))
    const error = await collectInventory(client, options).catch(e => e)
    expect(error).toBeInstanceOf(ActionError)
    const message = (error as Error).message
    expect(message).toContain(
      'The credential report was denied (Access denied to iam:GenerateCredentialReport'
    )
    expect(message).toContain('and so was the IAM API fallback (Access denied to iam:ListUsers')
    expect(message).toContain(
      '{"Effect":"Allow","Action":["iam:GenerateCredentialReport","iam:GetCredentialReport"],"Resource":"*"}'
    )
    expect(message).toContain(
      '{"Effect":"Allow","Action":["iam:ListUsers","iam:ListAccessKeys","iam:GetAccessKeyLastUsed"],"Resource":"*"}'
    )
  })

  it('does not fall back when the report failed for another reason', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .rejects(
        Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } })
      )
    const error = await collectInventory(client, options).catch(e => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toContain(
      'could not read the IAM credential report. The connection to the IAM endpoint for us-east-1 was refused'
    )
    expect(iam.commandCalls(ListUsersCommand)).toHaveLength(0)
  })

  it('fails on a malformed report instead of reporting a clean account', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
    iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from('user,arn\nalice,a\n') })
    await expect(collectInventory(client, options)).rejects.toThrow('missing column(s) access_key_1_active')
  })
})
