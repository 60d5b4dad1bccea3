import { describe, expect, it } from '@jest/globals'
import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  paginateListUsers
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { parse } from 'csv-parse/sync'
import {
  CREDENTIAL_REPORT_COLUMNS,
  loadSeed,
  sdkConfig,
  seedKey,
  startFakeAws
} from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const ACCOUNT = '123456789012'
const { fake } = useFakeAws(seed)

const iam = (key = admin, region = 'eu-west-1') => new IAMClient(sdkConfig(fake, key, region))

describe('ListUsers', () => {
  it('pages with Marker/MaxItems through the SDK paginator', async () => {
    const names: string[] = []
    let pages = 0
    for await (const page of paginateListUsers({ client: iam(), pageSize: 3 }, {})) {
      pages++
      names.push(...(page.Users ?? []).map(u => u.UserName!))
    }
    expect(pages).toBe(3)
    expect(names).toEqual(seed.users.map(u => u.name))
  })

  it('returns users with ids, ARNs and creation dates relative to now', async () => {
    const out = await iam().send(new ListUsersCommand({}))
    const aging = out.Users?.find(u => u.UserName === 'aging')
    expect(aging).toMatchObject({
      Path: '/',
      Arn: `arn:aws:iam::${ACCOUNT}:user/aging`,
      UserId: expect.stringMatching(/^AIDA/)
    })
    const days = (Date.now() - aging!.CreateDate!.getTime()) / 86_400_000
    expect(Math.floor(days)).toBe(400)
    expect(out.IsTruncated).toBe(false)
  })

  it('accepts a signature for any region (IAM is global; the SDK signs with the configured one)', async () => {
    const names = seed.users.map(u => u.name)
    for (const region of ['us-east-1', 'ap-southeast-2']) {
      const out = await iam(admin, region).send(new ListUsersCommand({}))
      expect(out.Users?.map(u => u.UserName)).toEqual(names)
    }
    expect(fake.requests.map(r => [r.region, r.identityArn, r.status])).toEqual([
      ['us-east-1', `arn:aws:iam::${ACCOUNT}:user/admin`, 200],
      ['ap-southeast-2', `arn:aws:iam::${ACCOUNT}:user/admin`, 200]
    ])
  })

  it('denies a user without iam:ListUsers in AWS words', async () => {
    await expect(iam(seedKey(seed, 'reader')).send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`,
      $metadata: { httpStatusCode: 403 }
    })
  })

  it('rejects MaxItems outside 1-1000', async () => {
    await expect(iam().send(new ListUsersCommand({ MaxItems: 1001 }))).rejects.toMatchObject({
      name: 'ValidationError'
    })
  })
})

describe('ListAccessKeys', () => {
  it("lists the caller's own keys without UserName", async () => {
    const out = await iam(seedKey(seed, 'aging')).send(new ListAccessKeysCommand({}))
    expect(out.AccessKeyMetadata).toEqual([
      {
        UserName: 'aging',
        AccessKeyId: 'AKIAAGINGKEY80DAYS01',
        Status: 'Active',
        CreateDate: expect.any(Date)
      }
    ])
    const age = Math.floor((Date.now() - out.AccessKeyMetadata![0]!.CreateDate!.getTime()) / 86_400_000)
    expect(age).toBe(80)
  })

  it("lists another user's keys with UserName, including a second active key", async () => {
    const out = await iam().send(new ListAccessKeysCommand({ UserName: 'rotating' }))
    expect(out.AccessKeyMetadata?.map(k => [k.AccessKeyId, k.Status])).toEqual([
      ['AKIAROTATINGKEYOLD01', 'Active'],
      ['AKIAROTATINGKEYNEW01', 'Active']
    ])
  })

  it('answers NoSuchEntity for an unknown user and AccessDenied without permission', async () => {
    await expect(iam().send(new ListAccessKeysCommand({ UserName: 'nobody' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 }
    })
    await expect(iam(seedKey(seed, 'reader')).send(new ListAccessKeysCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`iam:ListAccessKeys on resource: arn:aws:iam::${ACCOUNT}:user/reader`)
    })
  })

  it('requires UserName when called with role credentials', async () => {
    const assumed = await new STSClient(sdkConfig(fake, seedKey(seed, 'ci-assumer'))).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci-target`,
        RoleSessionName: 's1',
        ExternalId: 'octo-external-42'
      })
    )
    const c = assumed.Credentials!
    const client = new IAMClient(
      sdkConfig(fake, {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!
      })
    )
    await expect(client.send(new ListAccessKeysCommand({}))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Must specify userName when calling with non-User credentials'
    })
  })
})

describe('GetAccessKeyLastUsed', () => {
  it('gives date, region and service, or N/A for a key never used', async () => {
    const used = await iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIASTALEKEY100DAYS1' }))
    expect(used).toMatchObject({
      UserName: 'stale',
      AccessKeyLastUsed: { Region: 'us-east-1', ServiceName: 'ec2' }
    })
    expect(used.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date)
    const never = await iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAREADERONLYSTS001' }))
    expect(never.AccessKeyLastUsed).toEqual({ Region: 'N/A', ServiceName: 'N/A' })
  })
})

describe('credential report', () => {
  it('is absent until generated, STARTED on the first call and COMPLETE on the next', async () => {
    const client = iam()
    await expect(client.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: 'CredentialReportNotPresentException',
      $metadata: { httpStatusCode: 410 }
    })
    await expect(client.send(new GenerateCredentialReportCommand({}))).resolves.toMatchObject({
      State: 'STARTED'
    })
    await expect(client.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: 'CredentialReportNotReadyException'
    })
    await expect(client.send(new GenerateCredentialReportCommand({}))).resolves.toMatchObject({
      State: 'COMPLETE'
    })
    const report = await client.send(new GetCredentialReportCommand({}))
    expect(report.ReportFormat).toBe('text/csv')
    expect(report.GeneratedTime).toBeInstanceOf(Date)
  })

  it("is CSV in AWS's column layout with the root row and AWS's placeholders", async () => {
    const client = iam()
    await client.send(new GenerateCredentialReportCommand({}))
    await client.send(new GenerateCredentialReportCommand({}))
    const report = await client.send(new GetCredentialReportCommand({}))
    const csv = Buffer.from(report.Content!).toString('utf8')
    const rows = parse(csv, { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual([...CREDENTIAL_REPORT_COLUMNS])
    expect(rows.map(r => r.user)).toEqual(['<root_account>', ...seed.users.map(u => u.name)])
    expect(rows[0]).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      password_enabled: 'not_supported',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A'
    })
    const aging = rows.find(r => r.user === 'aging')!
    expect(aging.access_key_1_active).toBe('true')
    expect(aging.access_key_1_last_rotated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)
    expect(Math.floor((Date.now() - Date.parse(aging.access_key_1_last_rotated!)) / 86_400_000)).toBe(80)
    expect(aging).toMatchObject({
      password_enabled: 'false',
      password_last_used: 'N/A',
      access_key_2_active: 'false'
    })
    const reader = rows.find(r => r.user === 'reader')!
    expect(reader).toMatchObject({
      access_key_1_last_used_date: 'N/A',
      access_key_1_last_used_service: 'N/A'
    })
    expect(rows.find(r => r.user === 'rotating')).toMatchObject({
      access_key_1_active: 'true',
      access_key_2_active: 'true'
    })
    expect(rows.find(r => r.user === 'departed')).toMatchObject({ access_key_1_active: 'false' })
  })

  it('denies callers without iam:GenerateCredentialReport', async () => {
    await expect(
      iam(seedKey(seed, 'aging')).send(new GenerateCredentialReportCommand({}))
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT}:user/aging is not authorized to perform: iam:GenerateCredentialReport because no identity-based policy allows the iam:GenerateCredentialReport action`
    })
  })
})

describe('GetAccountSummary', () => {
  it('answers a SummaryMap the SDK parses, counting root keys whatever their status', async () => {
    const before = await iam().send(new GetAccountSummaryCommand({}))
    expect(before.SummaryMap).toMatchObject({
      Users: seed.users.length,
      AccessKeysPerUserQuota: 2,
      AccountAccessKeysPresent: 0,
      AccountMFAEnabled: 1
    })
    const withRoot = loadSeed()
    withRoot.root = {
      ...withRoot.root,
      accessKeys: [
        { id: 'AKIAROOTKEYINACTIVE1', secret: 's'.repeat(40), status: 'Inactive', createdDaysAgo: 5 }
      ]
    }
    const other = await startFakeAws(withRoot)
    try {
      const summary = await new IAMClient(sdkConfig(other, admin)).send(new GetAccountSummaryCommand({}))
      expect(summary.SummaryMap?.AccountAccessKeysPresent).toBe(1)
    } finally {
      await other.close()
    }
  })

  it('denies callers without iam:GetAccountSummary', async () => {
    await expect(iam(seedKey(seed, 'aging')).send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied'
    })
  })
})
