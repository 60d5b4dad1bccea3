import { describe, expect, it } from '@jest/globals'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam'
import { loadSeed, sdkConfig, seedKey } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const seed = loadSeed()
const assumer = seedKey(seed, 'ci-assumer')
const CI_TARGET = 'arn:aws:iam::123456789012:role/ci-target'
const { fake } = useFakeAws(seed)

async function assume(extra: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>) {
  const out = await new STSClient(sdkConfig(fake, assumer)).send(
    new AssumeRoleCommand({
      RoleArn: CI_TARGET,
      RoleSessionName: 'session',
      ExternalId: 'octo-external-42',
      ...extra
    })
  )
  const c = out.Credentials!
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }
}

describe('session policies (fake AWS)', () => {
  it('records the inline policy, policy ARNs, tags and transitive keys of an assume call', async () => {
    const policy =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}'
    const session = await assume({
      Policy: policy,
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [{ Key: 'Team', Value: 'web' }],
      TransitiveTagKeys: ['Team']
    })
    expect(fake.sessions.find(s => s.accessKeyId === session.accessKeyId)).toMatchObject({
      policy,
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      tags: [{ key: 'Team', value: 'web' }],
      transitiveTagKeys: ['Team']
    })
  })

  it('denies what the role allows but the inline session policy does not', async () => {
    const session = await assume({
      Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['iam:List*'], Resource: '*' }] })
    })
    await expect(
      new IAMClient(sdkConfig(fake, session)).send(new ListUsersCommand({}))
    ).resolves.toBeDefined()
    await expect(
      new EC2Client(sdkConfig(fake, session)).send(new DescribeRegionsCommand({}))
    ).rejects.toThrow('because no session policy allows the ec2:DescribeRegions action')
  })

  it('allows everything the role allows without a session policy', async () => {
    const session = await assume({})
    await expect(
      new EC2Client(sdkConfig(fake, session)).send(new DescribeRegionsCommand({}))
    ).resolves.toBeDefined()
  })

  it('rejects a malformed policy and more than 10 policy ARNs as AWS does', async () => {
    await expect(assume({ Policy: '{"Statement": [' })).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException'
    })
    const arns = Array.from({ length: 11 }, (_, i) => ({ arn: `arn:aws:iam::123456789012:policy/p${i}` }))
    await expect(assume({ PolicyArns: arns })).rejects.toThrow('less than or equal to 10')
  })
})
