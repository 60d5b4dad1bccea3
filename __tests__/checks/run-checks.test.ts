import { beforeEach, describe, expect, it } from '@jest/globals'
import { accessDenied } from '../../__fixtures__/aws-errors.js'
import { mockClient } from 'aws-sdk-client-mock'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { IAMClient, ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { runChecks } from '../../src/checks/run-checks.js'
import type { CheckContextSettings } from '../../src/checks/check-result.js'
import type { ObtainedCredentials } from '../../src/auth/credentials.js'

const sts = mockClient(STSClient)
const iam = mockClient(IAMClient)
const ec2 = mockClient(EC2Client)
const now = new Date('2026-11-23T12:00:00Z')
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000 - 3_600_000)
const KEY = 'AKIAIOSFODNN7EXAMPLE'
const settings: CheckContextSettings = {
  region: 'eu-west-1',
  retryMaxAttempts: 1,
  checks: ['identity', 'regions', 'users', 'key-age'],
  allowedAccountIds: [],
  maskAccountId: false,
  warnKeyAgeDays: 75,
  maxKeyAgeDays: 90,
  enforceKeyAge: true,
  failOnDenied: false,
  requiredPermissions: []
}
const key = { accessKeyId: KEY, secretAccessKey: 'secret' }
const stored: ObtainedCredentials = { credentials: key, source: 'stored-keys', longLivedKey: key }
const denied = (action: string) => accessDenied(action, { who: 'arn:aws:iam::123456789012:user/ci' })

describe('run-checks.ts', () => {
  beforeEach(() => {
    sts.reset()
    iam.reset()
    ec2.reset()
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ci', UserId: 'AIDA' })
    ec2
      .on(DescribeRegionsCommand)
      .resolves({ Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] })
    iam.on(ListUsersCommand).resolves({ Users: [{ UserName: 'ci' } as never], IsTruncated: false })
    iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [{ UserName: 'ci', AccessKeyId: KEY, Status: 'Active', CreateDate: daysAgo(10) }]
    })
  })

  it('runs every selected check and returns their data in order', async () => {
    const results = await runChecks({ settings, obtained: stored, now })
    expect(results.map(r => [r.name, r.status])).toEqual([
      ['identity', 'pass'],
      ['regions', 'pass'],
      ['users', 'pass'],
      ['key-age', 'pass']
    ])
    expect(results[1].data).toEqual({ regions: ['eu-west-1', 'us-east-1'] })
    expect(results[2].data).toEqual({ count: 1, firstNames: ['ci'] })
    expect(results[3].data).toMatchObject({
      userName: 'ci',
      keyId: 'AKIA…MPLE',
      ageDays: 10,
      ageClass: 'ok',
      otherActiveKeys: []
    })
  })

  it('starts every check before any of them finishes', async () => {
    const started: string[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>(resolve => (release = resolve))
    const hold = (name: string) => async () => {
      started.push(name)
      await gate
      return {}
    }
    sts.on(GetCallerIdentityCommand).callsFake(async () => {
      await hold('sts')()
      return { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ci' }
    })
    ec2.on(DescribeRegionsCommand).callsFake(hold('ec2'))
    iam.on(ListUsersCommand).callsFake(hold('list-users'))
    iam.on(ListAccessKeysCommand).callsFake(hold('list-keys'))
    const running = runChecks({ settings, obtained: stored, now })
    for (let i = 0; i < 50 && started.length < 4; i += 1) await new Promise(resolve => setTimeout(resolve, 5))
    expect(started.sort()).toEqual(['ec2', 'list-keys', 'list-users', 'sts'])
    release()
    await running
  })

  it('counts users over every page', async () => {
    iam
      .on(ListUsersCommand)
      .resolvesOnce({
        Users: Array.from({ length: 1000 }, (_, i) => ({ UserName: `u${i}` }) as never),
        IsTruncated: true,
        Marker: 'm1'
      })
      .resolvesOnce({
        Users: Array.from({ length: 5 }, (_, i) => ({ UserName: `v${i}` }) as never),
        IsTruncated: false
      })
    const results = await runChecks({ settings, obtained: stored, now })
    expect(results[2].data).toMatchObject({ count: 1005 })
    expect((results[2].data as { firstNames: string[] }).firstNames).toHaveLength(50)
    expect(iam.commandCalls(ListUsersCommand)[1].args[0].input).toMatchObject({ Marker: 'm1' })
  })

  it('turns AccessDenied into a denied result naming the exact action and a minimal statement', async () => {
    ec2.on(DescribeRegionsCommand).rejects(denied('ec2:DescribeRegions'))
    iam.on(ListUsersCommand).rejects(denied('iam:ListUsers'))
    iam.on(ListAccessKeysCommand).rejects(denied('iam:ListAccessKeys'))
    const results = await runChecks({ settings, obtained: stored, now })
    expect(results.map(r => r.status)).toEqual(['pass', 'denied', 'denied', 'denied'])
    expect(results.map(r => r.denial?.action)).toEqual([
      undefined,
      'ec2:DescribeRegions',
      'iam:ListUsers',
      'iam:ListAccessKeys'
    ])
    expect(results[3].denial?.statement).toEqual({
      Effect: 'Allow',
      Action: 'iam:ListAccessKeys',
      Resource: 'arn:aws:iam::*:user/${aws:username}'
    })
  })

  it.each([
    ['the caller ARN from the identity call in flight', { callerIdentity: true }, 'eu-west-1', 'aws-us-gov'],
    [
      'the assumed role ARN',
      { assumedRoleArn: 'arn:aws-cn:sts::123456789012:assumed-role/r/s' },
      'eu-west-1',
      'aws-cn'
    ],
    ['the region, when no ARN is known', {}, 'us-gov-east-1', 'aws-us-gov']
  ])(
    "writes the denied statement in the identity's partition, from %s",
    async (_from, known, region, partition) => {
      iam.on(ListAccessKeysCommand).rejects(denied('iam:ListAccessKeys'))
      const callerIdentity = Promise.resolve({
        Account: '123456789012',
        Arn: 'arn:aws-us-gov:iam::123456789012:user/ci',
        $metadata: {}
      })
      const [result] = await runChecks({
        settings: { ...settings, region, checks: ['key-age'] },
        obtained: { ...stored, assumedRoleArn: (known as { assumedRoleArn?: string }).assumedRoleArn },
        now,
        callerIdentity: 'callerIdentity' in known ? callerIdentity : undefined
      })
      expect(result.denial?.statement.Resource).toBe(`arn:${partition}:iam::*:user/\${aws:username}`)
    }
  )

  it.each([
    [76, 'warn', 'warning'],
    [91, 'fail', 'expired']
  ])('classifies a %i-day key as %s (%s)', async (age, status, ageClass) => {
    iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [{ UserName: 'ci', AccessKeyId: KEY, Status: 'Active', CreateDate: daysAgo(age) }]
    })
    const [, , , result] = await runChecks({ settings, obtained: stored, now })
    expect(result).toMatchObject({ status, data: { ageDays: age, ageClass } })
  })

  it('notes a second active key and ignores inactive ones', async () => {
    iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [
        { UserName: 'ci', AccessKeyId: KEY, Status: 'Active', CreateDate: daysAgo(10) },
        { UserName: 'ci', AccessKeyId: 'AKIAOTHERKEYEXAMPLE2', Status: 'Active', CreateDate: daysAgo(3) },
        { UserName: 'ci', AccessKeyId: 'AKIAINACTIVEEXAMPLE3', Status: 'Inactive', CreateDate: daysAgo(300) }
      ]
    })
    const [, , , result] = await runChecks({ settings, obtained: stored, now })
    expect(result).toMatchObject({
      status: 'warn',
      data: { otherActiveKeys: [{ keyId: 'AKIA…PLE2', ageDays: 3 }] }
    })
  })

  it('skips key-age for temporary credentials without calling IAM for keys', async () => {
    const temp = { accessKeyId: 'ASIAEXAMPLEEXAMPLE12', secretAccessKey: 's', sessionToken: 't' }
    const results = await runChecks({
      settings,
      obtained: { credentials: temp, source: 'web-identity' },
      now
    })
    expect(results[3]).toMatchObject({ status: 'skipped' })
    expect(iam.commandCalls(ListAccessKeysCommand)).toHaveLength(0)
  })

  it('warns when the region asked for is not enabled', async () => {
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }] })
    const [, regions] = await runChecks({ settings, obtained: stored, now })
    expect(regions).toMatchObject({ status: 'warn', detail: expect.stringContaining('not eu-west-1') })
  })
})
