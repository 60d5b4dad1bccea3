import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { stsSession as session } from '../../__fixtures__/sts-session.js'
import { accessDenied } from '../../__fixtures__/aws-errors.js'
import { mockClient } from 'aws-sdk-client-mock'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import * as core from '../../__fixtures__/core.js'
import { failureOf } from '../../__fixtures__/failure-of.js'

jest.unstable_mockModule('@actions/core', () => core)
const { settingsOver } = await import('../../__fixtures__/read-inputs.js')
const { assumeRoleProvider } = await import('../../src/auth/assume-role.js')

const KEY_ID = 'AKIACIASSUMERKEY0001'
const SECRET = 'XAhEzGZqqhkzokW8QCtG/6gCpkFW9B4ZkANcVAXf'
const ROLE = 'arn:aws:iam::123456789012:role/ci-target'
const USER = 'arn:aws:iam::123456789012:user/ci-assumer'
const assumed = 'arn:aws:sts::123456789012:assumed-role/ci-target/GitHubActions'
const githubEnv = {
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_WORKFLOW: 'deploy',
  GITHUB_ACTION: '__run',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: 'ffac537e',
  GITHUB_REF: 'refs/heads/main'
}
const sts = mockClient(STSClient)

const settings = settingsOver({
  'aws-region': 'eu-west-1',
  'aws-access-key-id': KEY_ID,
  'aws-secret-access-key': SECRET,
  'role-to-assume': ROLE
})

const denied = accessDenied(`sts:AssumeRole on resource: ${ROLE}`, { who: USER, wireCode: true })

describe('assume-role.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
    sts.reset()
  })

  it('sends the session policies, custom tags after the GitHub ones, and the transitive keys', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: session })
    await assumeRoleProvider(
      settings({
        'inline-session-policy':
          '{ "Statement": [ {"Effect": "Allow", "Action": "s3:*", "Resource": "*"} ] }',
        'managed-session-policies':
          'arn:aws:iam::aws:policy/ReadOnlyAccess\narn:aws:iam::123456789012:policy/x',
        'custom-tags': '{"Team": "web"}',
        'transitive-tag-keys': 'Team, Repository'
      }),
      githubEnv
    ).obtain()
    const input = sts.commandCalls(AssumeRoleCommand)[0].args[0].input
    expect(input.Policy).toBe('{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}')
    expect(input.PolicyArns).toEqual([
      { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      { arn: 'arn:aws:iam::123456789012:policy/x' }
    ])
    expect(input.Tags?.map(t => t.Key)).toEqual([
      'GitHub',
      'Repository',
      'Workflow',
      'Action',
      'Actor',
      'Commit',
      'Branch',
      'Team'
    ])
    expect(input.TransitiveTagKeys).toEqual(['Team', 'Repository'])
  })

  it('sends only custom-tags with role-skip-session-tagging', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: session })
    await assumeRoleProvider(
      settings({ 'role-skip-session-tagging': 'true', 'custom-tags': '{"Team": "web"}' }),
      githubEnv
    ).obtain()
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input.Tags).toEqual([{ Key: 'Team', Value: 'web' }])
  })

  it('with special-characters-workaround, assumes again until the secret is plain', async () => {
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce({ Credentials: session })
      .resolvesOnce({ Credentials: { ...session, SecretAccessKey: 'plainSecret0123456789' } })
    const obtained = await assumeRoleProvider(
      settings({ 'special-characters-workaround': 'true' }),
      githubEnv
    ).obtain()
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2)
    expect(obtained.credentials.secretAccessKey).toBe('plainSecret0123456789')
  })

  it('assumes the role with the stored keys, external id and GitHub session tags', async () => {
    sts
      .on(AssumeRoleCommand)
      .resolves({ Credentials: session, AssumedRoleUser: { Arn: assumed, AssumedRoleId: 'x' } })
    const obtained = await assumeRoleProvider(
      settings({ 'role-external-id': 'octo-external-42', 'role-duration-seconds': '900' }),
      githubEnv
    ).obtain()
    const call = sts.commandCalls(AssumeRoleCommand)[0]
    expect(call.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'GitHubActions',
      DurationSeconds: 900,
      ExternalId: 'octo-external-42',
      Tags: [
        { Key: 'GitHub', Value: 'Actions' },
        { Key: 'Repository', Value: 'octo-org/octo-repo' },
        { Key: 'Workflow', Value: 'deploy' },
        { Key: 'Action', Value: '__run' },
        { Key: 'Actor', Value: 'octocat' },
        { Key: 'Commit', Value: 'ffac537e' },
        { Key: 'Branch', Value: 'refs/heads/main' }
      ]
    })
    // Signed with the stored keys, not with anything from the environment.
    await expect((call.thisValue as STSClient).config.credentials()).resolves.toMatchObject({
      accessKeyId: KEY_ID,
      secretAccessKey: SECRET
    })
    expect(obtained.source).toBe('assume-role')
    expect(obtained.assumedRoleArn).toBe(assumed)
    expect(obtained.credentials.accessKeyId).toBe(session.AccessKeyId)
    // key-age still inspects the stored key the role was assumed with.
    expect(obtained.longLivedKey).toEqual({
      accessKeyId: KEY_ID,
      secretAccessKey: SECRET,
      sessionToken: undefined
    })
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0)
    const masked = core.calls.filter(c => c.fn === 'setSecret').map(c => c.args[0])
    expect(masked).toEqual(expect.arrayContaining([session.SecretAccessKey, session.SessionToken]))
  })

  it('sends no tags with role-skip-session-tagging', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: session })
    await assumeRoleProvider(settings({ 'role-skip-session-tagging': 'true' }), githubEnv).obtain()
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input.Tags).toBeUndefined()
  })

  it('completes a bare role name with the partition and account of the stored keys', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Arn: 'arn:aws-cn:iam::210987654321:user/ci', Account: '210987654321' })
    sts.on(AssumeRoleCommand).resolves({ Credentials: session })
    await assumeRoleProvider(settings({ 'role-to-assume': 'ci-target' }), {}).obtain()
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input.RoleArn).toBe(
      'arn:aws-cn:iam::210987654321:role/ci-target'
    )
  })

  it('reports no long-lived key when the stored keys are themselves temporary', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: session })
    const obtained = await assumeRoleProvider(settings({ 'aws-session-token': 'stored-token' }), {}).obtain()
    expect(obtained.longLivedKey).toBeUndefined()
  })

  it('on AccessDenied says who tried and which statements are missing', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Arn: USER, Account: '123456789012' })
    sts.on(AssumeRoleCommand).rejects(denied)
    const error = await failureOf(
      assumeRoleProvider(settings({ 'role-external-id': 'wrong-id' }), githubEnv).obtain()
    )
    expect(error.message).toContain(`Could not assume ${ROLE} as ${USER}: AWS denied sts:AssumeRole`)
    expect(error.message).toContain('"sts:ExternalId":"wrong-id"')
    expect(error.message).toContain(`"Resource":"${ROLE}"`)
    expect(core.info).toHaveBeenCalledWith(expect.stringContaining('AWS said: User:'))
  })

  it('does not ask who the caller is again when completing the name already did', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Arn: USER, Account: '123456789012' })
    sts.on(AssumeRoleCommand).rejects(denied)
    await failureOf(assumeRoleProvider(settings({ 'role-to-assume': 'ci-target' }), {}).obtain())
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1)
  })

  it('uses the shared diagnosis for a stored key AWS does not know', async () => {
    sts.on(AssumeRoleCommand).rejects(
      Object.assign(new Error('invalid'), {
        name: 'InvalidClientTokenId',
        $metadata: { httpStatusCode: 403 }
      })
    )
    await expect(assumeRoleProvider(settings(), {}).obtain()).rejects.toThrow(
      `Could not assume ${ROLE}: AWS does not recognise access key AKIA…0001`
    )
  })

  it('says so when completing a bare role name fails', async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('mismatch'), {
        name: 'SignatureDoesNotMatch',
        $metadata: { httpStatusCode: 403 }
      })
    )
    await expect(
      assumeRoleProvider(settings({ 'role-to-assume': 'ci-target' }), {}).obtain()
    ).rejects.toThrow(
      "Could not find the account to complete the role name 'ci-target' in: The secret access key does not match"
    )
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0)
  })
})
