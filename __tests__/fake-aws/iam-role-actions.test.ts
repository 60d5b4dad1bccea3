import { describe, expect, it } from '@jest/globals'
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListGroupsForUserCommand,
  PutRolePolicyCommand
} from '@aws-sdk/client-iam'
import { loadSeed, sdkConfig, seedKey } from '../../test/fake-aws/index.js'
import { addMigratingUser } from '../../test/fake-aws/migration-seed.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const seed = loadSeed()
addMigratingUser(seed, 'mover', { groups: 1, managed: 11 })
const admin = seedKey(seed, 'admin')
const { fake } = useFakeAws(seed)
const iam = () => new IAMClient(sdkConfig(fake, { id: admin.id, secret: admin.secret }))
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [] })
const create = (name: string) =>
  iam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }))

describe('IAM roles and groups (fake)', () => {
  it('lists the groups a user is in', async () => {
    const { Groups } = await iam().send(new ListGroupsForUserCommand({ UserName: 'mover' }))
    expect(Groups?.map(g => g.GroupName)).toEqual(['mover-group-0'])
  })

  it('refuses a second role of a name, and a role deletion while policies remain', async () => {
    await create('r')
    await expect(create('r')).rejects.toMatchObject({ name: 'EntityAlreadyExistsException' })
    await iam().send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: trust }))
    await expect(iam().send(new DeleteRoleCommand({ RoleName: 'r' }))).rejects.toMatchObject({
      name: 'DeleteConflictException'
    })
    const { PolicyDocument } = await iam().send(new GetRolePolicyCommand({ RoleName: 'r', PolicyName: 'p' }))
    expect(JSON.parse(decodeURIComponent(PolicyDocument!))).toEqual(JSON.parse(trust))
  })

  it("holds IAM's role quotas: 10 managed policies, 10,240 characters of inline policy", async () => {
    await create('q')
    const attach = (m: number) =>
      iam().send(
        new AttachRolePolicyCommand({
          RoleName: 'q',
          PolicyArn: `arn:aws:iam::123456789012:policy/mover-managed-${m}`
        })
      )
    for (let m = 0; m < 10; m++) await attach(m)
    await expect(attach(10)).rejects.toMatchObject({ name: 'LimitExceededException' })
    const big = JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: 'x'.repeat(10_300), Resource: '*' }]
    })
    await expect(
      iam().send(new PutRolePolicyCommand({ RoleName: 'q', PolicyName: 'big', PolicyDocument: big }))
    ).rejects.toMatchObject({ name: 'LimitExceededException' })
  })
})
