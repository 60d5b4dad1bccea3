import { beforeEach, describe, expect, it } from '@jest/globals'
import { awsError } from '../../__fixtures__/aws-errors.js'
import { mockClient } from 'aws-sdk-client-mock'
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand
} from '@aws-sdk/client-iam'
import { readKeysViaApi } from '../../src/audit/api-inventory.js'
import * as sdk from '../../src/aws/iam-sdk.js'
import { IamCallError } from '../../src/audit/iam-call-error.js'

const iam = mockClient(IAMClient)
const client = { client: new IAMClient({ region: 'us-east-1' }), sdk }
const CREATED = new Date('2025-01-01T00:00:00Z')
const USED = new Date('2025-05-01T00:00:00Z')

function keyId(user: string, n: number): string {
  return `AKIA${user
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .padEnd(12, 'X')
    .slice(0, 12)}KEY${n}`
}

const sleeps: number[] = []
const options = {
  clock: { now: () => 0, sleep: async (ms: number) => void sleeps.push(ms) },
  concurrency: 4,
  region: 'us-east-1',
  maxAttempts: 3
}

/** Users u000…, each with one active key that was used, paged `pageSize` at a time like IAM. */
function seedUsers(count: number, pageSize = 1000): string[] {
  const names = Array.from({ length: count }, (_, i) => `u${String(i).padStart(3, '0')}`)
  iam.on(ListUsersCommand).callsFake(input => {
    const start = input.Marker ? Number(input.Marker) : 0
    const end = Math.min(start + Math.min(input.MaxItems ?? 100, pageSize), names.length)
    return {
      Users: names
        .slice(start, end)
        .map(UserName => ({ UserName, Path: '/', UserId: UserName, Arn: UserName, CreateDate: CREATED })),
      IsTruncated: end < names.length,
      ...(end < names.length ? { Marker: String(end) } : {})
    }
  })
  iam.on(ListAccessKeysCommand).callsFake(input => ({
    AccessKeyMetadata: [
      {
        UserName: input.UserName,
        AccessKeyId: keyId(input.UserName, 1),
        Status: 'Active',
        CreateDate: CREATED
      }
    ]
  }))
  iam
    .on(GetAccessKeyLastUsedCommand)
    .resolves({ AccessKeyLastUsed: { LastUsedDate: USED, ServiceName: 's3', Region: 'us-east-1' } })
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 0 } })
  return names
}

describe('api-inventory', () => {
  beforeEach(() => {
    iam.reset()
    sleeps.length = 0
  })

  it('reads every page of users, their keys, and when each active key was last used', async () => {
    seedUsers(2500, 1000)
    const inventory = await readKeysViaApi(client, options)
    expect(inventory.users).toBe(2500)
    expect(inventory.keys).toHaveLength(2500)
    expect(inventory.keys[0]).toEqual({
      user: 'u000',
      root: false,
      keyLabel: 'AKIA…KEY1',
      active: true,
      createdAt: CREATED,
      lastUsedAt: USED,
      lastUsedService: 's3'
    })
    // IAM's largest page: 3 ListUsers calls for 2,500 users.
    expect(iam.commandCalls(ListUsersCommand).map(c => c.args[0].input.MaxItems)).toEqual([1000, 1000, 1000])
    expect(inventory.calls).toBe(3 + 2500 + 2500 + 1)
    expect(inventory.rootAccessKeysPresent).toBe(false)
    expect(inventory.throttled).toBe(0)
  })

  it('never shows a full key id', async () => {
    seedUsers(3)
    const inventory = await readKeysViaApi(client, options)
    expect(JSON.stringify(inventory)).not.toMatch(/AKIA[A-Z0-9]{12,}/)
  })

  it('skips the last-used lookup for inactive keys and reads never-used keys as never used', async () => {
    seedUsers(1)
    iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [
        { UserName: 'u000', AccessKeyId: 'AKIAINACTIVEKEY00001', Status: 'Inactive', CreateDate: CREATED },
        { UserName: 'u000', AccessKeyId: 'AKIANEVERUSEDKEY0002', Status: 'Active', CreateDate: CREATED }
      ]
    })
    iam.on(GetAccessKeyLastUsedCommand).resolves({ AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } })
    const { keys } = await readKeysViaApi(client, options)
    expect(keys).toEqual([
      { user: 'u000', root: false, keyLabel: 'AKIA…0001', active: false, createdAt: CREATED },
      { user: 'u000', root: false, keyLabel: 'AKIA…0002', active: true, createdAt: CREATED }
    ])
    expect(iam.commandCalls(GetAccessKeyLastUsedCommand).map(c => c.args[0].input.AccessKeyId)).toEqual([
      'AKIANEVERUSEDKEY0002'
    ])
  })

  it('keeps at most `concurrency` users in flight', async () => {
    seedUsers(40)
    let inFlight = 0
    let most = 0
    iam.on(ListAccessKeysCommand).callsFake(async input => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise(resolve => setTimeout(resolve, 2))
      inFlight--
      return {
        AccessKeyMetadata: [
          {
            UserName: input.UserName,
            AccessKeyId: keyId(input.UserName, 1),
            Status: 'Active',
            CreateDate: CREATED
          }
        ]
      }
    })
    await readKeysViaApi(client, options)
    expect(most).toBe(4)
  })

  it('slows down and reads a user again when IAM still throttles after the SDK retries', async () => {
    seedUsers(12)
    iam
      .on(ListAccessKeysCommand, { UserName: 'u005' })
      .rejectsOnce(awsError('Throttling', 400))
      .rejectsOnce(awsError('Throttling', 400))
      .resolves({
        AccessKeyMetadata: [
          { UserName: 'u005', AccessKeyId: keyId('u005', 1), Status: 'Active', CreateDate: CREATED }
        ]
      })
    const inventory = await readKeysViaApi(client, options)
    expect(inventory.keys.map(k => k.user)).toContain('u005')
    expect(inventory.keys).toHaveLength(12)
    expect(inventory.throttled).toBe(2)
    expect(inventory.lowestConcurrency).toBe(1)
    expect(sleeps).toEqual([1000, 2000])
  })

  it('grows the concurrency back after a run of calm reads', async () => {
    seedUsers(200)
    iam
      .on(ListAccessKeysCommand, { UserName: 'u000' })
      .rejectsOnce(awsError('Throttling', 400))
      .resolves({
        AccessKeyMetadata: [
          { UserName: 'u000', AccessKeyId: keyId('u000', 1), Status: 'Active', CreateDate: CREATED }
        ]
      })
    let inFlight = 0
    const late: number[] = []
    iam.on(GetAccessKeyLastUsedCommand).callsFake(async input => {
      inFlight++
      if (String(input.AccessKeyId).startsWith('AKIAU19')) late.push(inFlight)
      await new Promise(resolve => setTimeout(resolve, 1))
      inFlight--
      return { AccessKeyLastUsed: { LastUsedDate: USED, ServiceName: 's3', Region: 'us-east-1' } }
    })
    const inventory = await readKeysViaApi(client, options)
    expect(inventory.lowestConcurrency).toBe(2)
    // Users u190…u199 are read after well over 2 × 20 calm reads: back to 4 at a time.
    expect(Math.max(...late)).toBe(4)
  })

  it('gives up on a user IAM keeps throttling, tagging the error', async () => {
    seedUsers(2)
    iam.on(ListAccessKeysCommand, { UserName: 'u001' }).rejects(awsError('Throttling', 400))
    const error = await readKeysViaApi(client, options).catch(e => e)
    expect(error).toBeInstanceOf(IamCallError)
    expect(error.action).toBe('iam:ListAccessKeys')
    expect(sleeps).toEqual([1000, 2000, 4000, 8000])
  })

  it('skips users and keys deleted while the audit ran', async () => {
    seedUsers(3)
    iam.on(ListAccessKeysCommand, { UserName: 'u001' }).rejects(awsError('NoSuchEntity', 404))
    iam
      .on(GetAccessKeyLastUsedCommand, { AccessKeyId: keyId('u002', 1) })
      .rejects(awsError('NoSuchEntity', 404))
    const inventory = await readKeysViaApi(client, options)
    expect(inventory.keys.map(k => k.user)).toEqual(['u000'])
    expect(inventory.users).toBe(3)
  })

  it.each<[string, typeof ListUsersCommand, string]>([
    ['ListUsers', ListUsersCommand, 'iam:ListUsers'],
    ['ListAccessKeys', ListAccessKeysCommand as unknown as typeof ListUsersCommand, 'iam:ListAccessKeys'],
    [
      'GetAccessKeyLastUsed',
      GetAccessKeyLastUsedCommand as unknown as typeof ListUsersCommand,
      'iam:GetAccessKeyLastUsed'
    ]
  ])('names the action when %s is denied', async (_name, command, action) => {
    seedUsers(2)
    iam.on(command).rejects(awsError('AccessDenied', 403))
    await expect(readKeysViaApi(client, options)).rejects.toMatchObject({ action })
  })

  it('reports root keys from the account summary, and leaves them unknown when it is denied', async () => {
    seedUsers(1)
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 1 } })
    expect((await readKeysViaApi(client, options)).rootAccessKeysPresent).toBe(true)
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 403))
    const inventory = await readKeysViaApi(client, options)
    expect(inventory.rootAccessKeysPresent).toBeUndefined()
    expect('rootAccessKeysPresent' in inventory).toBe(false)
  })
})
