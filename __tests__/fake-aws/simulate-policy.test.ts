import { describe, expect, it } from '@jest/globals'
import {
  GetRoleCommand,
  IAMClient,
  ListUsersCommand,
  SimulatePrincipalPolicyCommand,
  paginateSimulatePrincipalPolicy
} from '@aws-sdk/client-iam'
import { loadSeed, sdkConfig, seedKey } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const ACCOUNT = '123456789012'
const seed = loadSeed()
seed.users.push({
  name: 'deployer',
  createdDaysAgo: 5,
  allowedActions: ['sts:GetCallerIdentity'],
  policies: [
    {
      name: 'deploy-site',
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:PutObject', 's3:Get*'], Resource: 'arn:aws:s3:::site/*' },
          { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }
        ]
      }
    },
    {
      name: 'guardrails',
      managed: true,
      document: {
        Statement: { Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }
      }
    }
  ],
  accessKeys: [{ id: 'AKIADEPLOYERKEY00001', secret: 'deployer-secret', status: 'Active', createdDaysAgo: 5 }]
})
seed.roles!.push({
  name: 'pathed',
  path: '/ci/',
  allowedActions: ['s3:ListBucket'],
  trustPolicy: { Statement: [] }
})
const admin = seedKey(seed, 'admin')
const deployer = seedKey(seed, 'deployer')
const { fake } = useFakeAws(seed)
const iam = (key = admin) => new IAMClient(sdkConfig(fake, key))
const USER = `arn:aws:iam::${ACCOUNT}:user/deployer`

describe('policy documents authorize calls to the fake', () => {
  it("allows what the user's policy document allows", async () => {
    await expect(iam(deployer).send(new ListUsersCommand({}))).resolves.toBeDefined()
  })

  it('an explicit deny wins over an allow, worded as AWS words it', async () => {
    fake.account.usersByName.get('deployer')!.policies.push({
      name: 'deny-list',
      type: 'user',
      document: { Statement: [{ Effect: 'Deny', Action: 'iam:List*', Resource: '*' }] }
    })
    await expect(iam(deployer).send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${USER} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ with an explicit deny in an identity-based policy`
    })
  })
})

describe('SimulatePrincipalPolicy', () => {
  const simulate = (actions: string[], resources?: string[], key = admin) =>
    iam(key).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: USER,
        ActionNames: actions,
        ResourceArns: resources
      })
    )

  it('answers allowed, implicitDeny and explicitDeny per action and resource, naming the statements', async () => {
    const out = await simulate(
      ['s3:PutObject', 's3:DeleteObject', 'ec2:RunInstances'],
      ['arn:aws:s3:::site/index.html', 'arn:aws:s3:::other/index.html']
    )
    const decisions = out.EvaluationResults!.map(r => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])
    expect(decisions).toEqual([
      ['s3:PutObject', 'arn:aws:s3:::site/index.html', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::other/index.html', 'implicitDeny'],
      ['s3:DeleteObject', 'arn:aws:s3:::site/index.html', 'explicitDeny'],
      ['s3:DeleteObject', 'arn:aws:s3:::other/index.html', 'explicitDeny'],
      ['ec2:RunInstances', 'arn:aws:s3:::site/index.html', 'implicitDeny'],
      ['ec2:RunInstances', 'arn:aws:s3:::other/index.html', 'implicitDeny']
    ])
    expect(out.EvaluationResults![0]!.MatchedStatements).toEqual([
      { SourcePolicyId: 'deploy-site', SourcePolicyType: 'user' }
    ])
    expect(out.EvaluationResults![2]!.MatchedStatements).toEqual([
      { SourcePolicyId: 'guardrails', SourcePolicyType: 'user-managed' }
    ])
  })

  it('simulates on * without ResourceArns: a resource-scoped allow does not match', async () => {
    const out = await simulate(['iam:ListUsers', 's3:PutObject'])
    expect(out.EvaluationResults!.map(r => [r.EvalResourceName, r.EvalDecision])).toEqual([
      ['*', 'allowed'],
      ['*', 'implicitDeny']
    ])
  })

  it('pages with Marker/MaxItems through the SDK paginator', async () => {
    const actions = ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 'iam:ListUsers', 'iam:GetUser']
    const seen: string[] = []
    let pages = 0
    for await (const page of paginateSimulatePrincipalPolicy(
      { client: iam(), pageSize: 2 },
      { PolicySourceArn: USER, ActionNames: actions }
    )) {
      pages++
      seen.push(...page.EvaluationResults!.map(r => r.EvalActionName!))
    }
    expect(pages).toBe(3)
    expect(seen).toEqual(actions)
  })

  it('simulates a role by its ARN with its path; a session ARN or a wrong path is not a principal', async () => {
    const role = (arn: string) =>
      iam().send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:ListBucket'] }))
    const out = await role(`arn:aws:iam::${ACCOUNT}:role/ci/pathed`)
    expect(out.EvaluationResults![0]!.EvalDecision).toBe('allowed')
    await expect(role(`arn:aws:iam::${ACCOUNT}:role/pathed`)).rejects.toMatchObject({
      name: 'NoSuchEntityException'
    })
    await expect(role(`arn:aws:sts::${ACCOUNT}:assumed-role/pathed/run`)).rejects.toMatchObject({
      name: 'InvalidInputException'
    })
  })

  it('rejects wildcards in action names, as AWS does', async () => {
    await expect(simulate(['s3:*'])).rejects.toMatchObject({ name: 'InvalidInputException' })
  })

  it('denies a caller without iam:SimulatePrincipalPolicy', async () => {
    await expect(simulate(['s3:PutObject'], undefined, deployer)).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('iam:SimulatePrincipalPolicy on resource: ' + USER)
    })
  })
})

describe('GetRole', () => {
  it("returns the role's ARN with its path", async () => {
    const out = await iam().send(new GetRoleCommand({ RoleName: 'pathed' }))
    expect(out.Role).toMatchObject({ Path: '/ci/', Arn: `arn:aws:iam::${ACCOUNT}:role/ci/pathed` })
    await expect(iam().send(new GetRoleCommand({ RoleName: 'none' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException'
    })
  })
})
