import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { settingsOver } = await import('../../__fixtures__/read-inputs.js')
const { roleChainingProvider } = await import('../../src/auth/role-chaining.js')

const ROLE = 'arn:aws:iam::123456789012:role/ci-target'
const session = {
  AccessKeyId: 'ASIAEXAMPLESESSION02',
  SecretAccessKey: 'chained/secret',
  SessionToken: 'IQoJchainedTOKEN',
  Expiration: new Date('2026-03-01T13:00:00Z')
}
const previous = {
  AWS_ACCESS_KEY_ID: 'ASIAPREVIOUSSESSION1',
  AWS_SECRET_ACCESS_KEY: 'previous/secret',
  AWS_SESSION_TOKEN: 'IQoJpreviousTOKEN'
}
const sts = mockClient(STSClient)

const settings = settingsOver({ 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, 'role-chaining': 'true' })

describe('role-chaining.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
    sts.reset()
  })

  it('assumes the role with the credentials an earlier step exported, masking them first', async () => {
    sts
      .on(AssumeRoleCommand)
      .resolves({ Credentials: session, AssumedRoleUser: { Arn: 'arn', AssumedRoleId: 'x' } })
    const obtained = await roleChainingProvider(settings(), previous).obtain()
    const call = sts.commandCalls(AssumeRoleCommand)[0]
    await expect((call.thisValue as STSClient).config.credentials()).resolves.toMatchObject({
      accessKeyId: previous.AWS_ACCESS_KEY_ID,
      secretAccessKey: previous.AWS_SECRET_ACCESS_KEY,
      sessionToken: previous.AWS_SESSION_TOKEN
    })
    expect(obtained.source).toBe('role-chaining')
    // Chaining from a session involves no long-lived key: key-status `temporary`.
    expect(obtained.longLivedKey).toBeUndefined()
    const masked = core.calls.filter(c => c.fn === 'setSecret').map(c => c.args[0])
    expect(masked.slice(0, 2)).toEqual([previous.AWS_SECRET_ACCESS_KEY, previous.AWS_SESSION_TOKEN])
  })

  it("keeps an environment's long-lived key for key-age", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: session })
    const obtained = await roleChainingProvider(settings(), {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'long/lived'
    }).obtain()
    expect(obtained.longLivedKey?.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE')
  })

  it('completes a bare role name with the account of the environment credentials', async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      Arn: 'arn:aws-us-gov:sts::111122223333:assumed-role/base/GitHubActions'
    })
    sts.on(AssumeRoleCommand).resolves({ Credentials: session })
    await roleChainingProvider(settings({ 'role-to-assume': 'ci-target' }), previous).obtain()
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input.RoleArn).toBe(
      'arn:aws-us-gov:iam::111122223333:role/ci-target'
    )
  })

  it('says what to do when the environment holds no credentials', async () => {
    await expect(roleChainingProvider(settings(), { AWS_ACCESS_KEY_ID: 'AKIA' }).obtain()).rejects.toThrow(
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set'
    )
    expect(sts.calls()).toHaveLength(0)
  })
})
