import { describe, expect, it } from '@jest/globals'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam'
import { OrganizationsClient, paginateListAccounts, ListAccountsCommand } from '@aws-sdk/client-organizations'
import { generateOrganizationSeed, memberAccountId, sdkConfig, seedKey } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const MANAGEMENT = '123456789012'
const seed = generateOrganizationSeed({ members: 44, usersPerAccount: 3, withoutRole: [2], suspended: [3] })
const admin = seedKey(seed, 'admin')
const reader = seedKey(seed, 'reader')
const { fake } = useFakeAws(seed)

const organizations = (credentials = admin) =>
  new OrganizationsClient(sdkConfig(fake, credentials, 'us-east-1'))
const roleArn = (index: number) => `arn:aws:iam::${memberAccountId(index)}:role/aws-auth-check-audit`

async function assumeAudit(index: number) {
  const sts = new STSClient(sdkConfig(fake, admin))
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn(index), RoleSessionName: 'audit' })
  )
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken!
  }
}

describe('Organizations ListAccounts (awsJson1_1)', () => {
  it('lists the management account and every member over pages of at most 20', async () => {
    const ids: string[] = []
    const states: string[] = []
    for await (const page of paginateListAccounts({ client: organizations(), pageSize: 20 }, {})) {
      for (const account of page.Accounts ?? []) {
        ids.push(account.Id!)
        states.push(account.State!)
        expect(account.Arn).toBe(`arn:aws:organizations::${MANAGEMENT}:account/o-a1b2c3d4e5/${account.Id}`)
      }
    }
    expect(ids).toEqual([MANAGEMENT, ...Array.from({ length: 44 }, (_, i) => memberAccountId(i))])
    expect(states.filter(s => s !== 'ACTIVE')).toEqual(['SUSPENDED'])
    const calls = fake.requests.filter(r => r.action === 'ListAccounts')
    expect(calls).toHaveLength(3)
    expect(calls.every(r => r.service === 'organizations' && r.status === 200)).toBe(true)
  })

  it('rejects MaxResults over 20 as AWS does', async () => {
    await expect(organizations().send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({
      name: 'InvalidInputException'
    })
  })

  it('denies a caller without organizations:ListAccounts with AccessDeniedException', async () => {
    await expect(organizations(reader).send(new ListAccountsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException'
    })
  })

  it('injects throttling as TooManyRequestsException, which the SDK retries', async () => {
    fake.inject('organizations:ListAccounts', { status: 429, times: 1 })
    const client = new OrganizationsClient({ ...sdkConfig(fake, admin, 'us-east-1'), maxAttempts: 3 })
    const page = await client.send(new ListAccountsCommand({}))
    expect(page.Accounts).toHaveLength(20)
    expect(fake.requests.map(r => r.errorCode ?? 'ok')).toEqual(['TooManyRequestsException', 'ok'])
  })
})

describe('cross-account AssumeRole into member accounts', () => {
  it("gives a session in the member account that reads that account's own users", async () => {
    const session = await assumeAudit(0)
    const identity = await new STSClient(sdkConfig(fake, session)).send(new GetCallerIdentityCommand({}))
    expect(identity.Account).toBe(memberAccountId(0))
    expect(identity.Arn).toBe(`arn:aws:sts::${memberAccountId(0)}:assumed-role/aws-auth-check-audit/audit`)
    const users = await new IAMClient(sdkConfig(fake, session)).send(new ListUsersCommand({}))
    expect(users.Users?.map(u => u.Arn)).toEqual(
      seed.organization!.accounts[0]!.users.map(u => `arn:aws:iam::${memberAccountId(0)}:user/${u.name}`)
    )
  })

  it('denies AssumeRole when the member account has no audit role', async () => {
    await expect(assumeAudit(2)).rejects.toMatchObject({ name: 'AccessDenied' })
  })

  it("applies a fault queued for one account only to that account's requests", async () => {
    fake.inject('iam:ListUsers', { code: 'Throttling', account: memberAccountId(1) })
    const zero = new IAMClient(sdkConfig(fake, await assumeAudit(0)))
    const one = new IAMClient(sdkConfig(fake, await assumeAudit(1)))
    await expect(zero.send(new ListUsersCommand({}))).resolves.toBeDefined()
    await expect(one.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'Throttling' })
  })
})
