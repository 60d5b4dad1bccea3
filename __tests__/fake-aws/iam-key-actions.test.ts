import { describe, expect, it } from '@jest/globals'
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { loadSeed, sdkConfig, seedKey } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { addRotatingUser } from '../../test/fake-aws/rotation-users.js'

const seed = loadSeed()
const user = addRotatingUser(seed, 'self-rotator', { without: ['iam:DeleteAccessKey'] })
const key = { id: user.accessKeys[0]!.id, secret: user.accessKeys[0]!.secret }
const { fake } = useFakeAws(seed)
const iam = (k: { id: string; secret: string } = key) => new IAMClient(sdkConfig(fake, k))
const whoAmI = (k: { id: string; secret: string }) =>
  new STSClient(sdkConfig(fake, k)).send(new GetCallerIdentityCommand({}))

describe('IAM key lifecycle (fake)', () => {
  it('CreateAccessKey makes a key for the caller that authenticates only after the propagation delay', async () => {
    fake.keyPropagationMs = 400
    const { AccessKey } = await iam().send(new CreateAccessKeyCommand({}))
    expect(AccessKey).toMatchObject({
      UserName: 'self-rotator',
      Status: 'Active',
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/)
    })
    const created = { id: AccessKey!.AccessKeyId!, secret: AccessKey!.SecretAccessKey! }
    await expect(whoAmI(created)).rejects.toMatchObject({ name: 'InvalidClientTokenId' })
    await new Promise(resolve => setTimeout(resolve, 450))
    await expect(whoAmI(created)).resolves.toMatchObject({
      Arn: expect.stringContaining(':user/self-rotator')
    })
    expect(fake.createdKeys.map(k => k.id)).toEqual([created.id])
  })

  it('enforces the two-key quota', async () => {
    await iam().send(new CreateAccessKeyCommand({}))
    await expect(iam().send(new CreateAccessKeyCommand({}))).rejects.toMatchObject({
      name: 'LimitExceededException'
    })
  })

  it('UpdateAccessKey deactivates a key, which then no longer authenticates', async () => {
    const { AccessKey } = await iam().send(new CreateAccessKeyCommand({}))
    await iam().send(new UpdateAccessKeyCommand({ AccessKeyId: key.id, Status: 'Inactive' }))
    const listed = await iam({ id: AccessKey!.AccessKeyId!, secret: AccessKey!.SecretAccessKey! }).send(
      new ListAccessKeysCommand({})
    )
    expect(listed.AccessKeyMetadata?.map(k => k.Status)).toEqual(['Inactive', 'Active'])
    await expect(whoAmI(key)).rejects.toMatchObject({ name: 'InvalidClientTokenId' })
  })

  it('DeleteAccessKey is authorised like IAM: denied without iam:DeleteAccessKey, allowed with it', async () => {
    const { AccessKey } = await iam().send(new CreateAccessKeyCommand({}))
    await expect(
      iam().send(new DeleteAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId! }))
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('iam:DeleteAccessKey')
    })
    const admin = seedKey(seed, 'admin')
    await iam(admin).send(
      new DeleteAccessKeyCommand({ UserName: 'self-rotator', AccessKeyId: AccessKey!.AccessKeyId! })
    )
    expect(fake.account.usersByName.get('self-rotator')!.accessKeys.map(k => k.id)).toEqual([key.id])
    expect(fake.account.keysById.has(AccessKey!.AccessKeyId!)).toBe(false)
  })
})
