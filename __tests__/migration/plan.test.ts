import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { applyPolicy, planPolicy } from '../../src/migration/migration-permissions.js'
import { defaultRoleName, planMigration, type PlanInput } from '../../src/migration/plan.js'
import { compareRole } from '../../src/migration/role-state.js'
import { planFiles } from '../../src/migration/write-plan-files.js'
import { hclString } from '../../src/migration/render-terraform.js'
import { subjectAdmitted } from '../../src/migration/trust-policy.js'

const doc = (...actions: string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] })

const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  settings: { migrateSubjects: [] },
  callerArn: 'arn:aws:iam::123456789012:user/admin',
  repository: { owner: 'acme', name: 'app', ownerId: '7', id: '99' },
  permissions: {
    userName: 'deployer',
    userArn: 'arn:aws:iam::123456789012:user/deployer',
    groups: ['ops'],
    attached: [
      {
        arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        name: 'ReadOnlyAccess',
        from: { kind: 'user', name: 'deployer' }
      },
      {
        arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        name: 'ReadOnlyAccess',
        from: { kind: 'group', name: 'ops' }
      }
    ],
    inline: [
      { name: 'deploy', document: doc('s3:PutObject'), from: { kind: 'user', name: 'deployer' } },
      { name: 'deploy', document: doc('lambda:UpdateFunctionCode'), from: { kind: 'group', name: 'ops' } }
    ],
    boundary: 'arn:aws:iam::123456789012:policy/boundary'
  },
  account: { attachedPoliciesPerRole: 10, rolePolicySize: 10_240 },
  ...over
})

describe('migration plan', () => {
  it('carries every permission over once, says where each came from, and keeps the boundary', () => {
    const plan = planMigration(input())
    expect(plan.role.name).toBe('github-acme-app')
    expect(plan.managed).toEqual([
      expect.objectContaining({
        arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        from: [
          { kind: 'user', name: 'deployer' },
          { kind: 'group', name: 'ops' }
        ]
      })
    ])
    expect(plan.inline.map(p => p.name)).toEqual(['deploy', 'ops-deploy'])
    expect(plan.role.boundary).toBe('arn:aws:iam::123456789012:policy/boundary')
    expect(plan.role.tags).toEqual([{ Key: 'aws-auth-check:migrated-from', Value: 'deployer' }])
    expect(plan.provider).toMatchObject({
      exists: false,
      arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
    })
  })

  it('admits both subject formats by default, and only migrate-subject when set', () => {
    const plan = planMigration(input())
    expect(plan.subjects).toEqual(['repo:acme/app:*', 'repo:acme-7/app-99:*'])
    expect(subjectAdmitted(plan.subjects, 'repo:acme-7/app-99:ref:refs/heads/main')).toBe(true)
    expect(subjectAdmitted(plan.subjects, 'repo:acme/application:ref:refs/heads/main')).toBe(false)
    const narrowed = planMigration(
      input({ settings: { migrateSubjects: ['repo:acme/app:environment:prod'] } })
    )
    expect(narrowed.role.trustPolicy.Statement[0]!.Condition.StringLike).toEqual({
      'token.actions.githubusercontent.com:sub': 'repo:acme/app:environment:prod'
    })
  })

  it('uses the partition of the identity: aws-cn has its own audience and ARNs', () => {
    const plan = planMigration(input({ callerArn: 'arn:aws-cn:iam::123456789012:user/admin' }))
    expect(plan.audience).toBe('sts.amazonaws.com.cn')
    expect(plan.role.arn).toBe('arn:aws-cn:iam::123456789012:role/github-acme-app')
    expect(plan.role.trustPolicy.Statement[0]!.Principal.Federated).toMatch(/^arn:aws-cn:iam::/)
    expect(plan.role.trustPolicy.Statement[0]!.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com.cn'
    })
    const gov = planMigration(input({ callerArn: 'arn:aws-us-gov:iam::123456789012:user/admin' }))
    expect(gov.audience).toBe('sts.amazonaws.com')
    expect(gov.role.arn).toMatch(/^arn:aws-us-gov:/)
  })

  it('sanitises the default role name to IAM charset and 64 characters', () => {
    expect(defaultRoleName({ owner: 'acme', name: 'web.app' })).toBe('github-acme-web.app')
    expect(defaultRoleName({ owner: 'a', name: 'x'.repeat(100) })).toHaveLength(64)
  })

  it('refuses limits IAM would refuse, saying what to change', () => {
    const big = input()
    const padded = {
      ...big.permissions.inline[1]!,
      document: doc(...Array.from({ length: 800 }, (_, i) => `s3:Action${i}`))
    }
    expect(() =>
      planMigration({
        ...big,
        permissions: { ...big.permissions, inline: [big.permissions.inline[0]!, padded] }
      })
    ).toThrow(
      /over IAM's 10,240 per role\. Make deploy \(group ops, [\d,]+ characters\) a customer managed policy/
    )
    expect(() => planMigration({ ...big, account: { ...big.account, attachedPoliciesPerRole: 0 } })).toThrow(
      /1 managed policies, over IAM's 0 per role/
    )
    expect(() =>
      planMigration({
        ...big,
        account: { ...big.account, provider: { arn: 'arn:aws:iam::1:oidc-provider/x', audiences: ['other'] } }
      })
    ).toThrow(/does not list the audience sts.amazonaws.com/)
    const many = Array.from({ length: 80 }, (_, i) => `repo:acme/app:environment:env-${i}`)
    expect(() => planMigration(input({ settings: { migrateSubjects: many } }))).toThrow(
      /List fewer migrate-subject/
    )
  })

  it('compares an existing role with the plan: absent, up to date, not ours, differs', () => {
    const plan = planMigration(input())
    const same = {
      arn: plan.role.arn,
      tags: { 'aws-auth-check:migrated-from': 'deployer' },
      trustPolicy: JSON.stringify(plan.role.trustPolicy, null, 2),
      boundary: plan.role.boundary,
      attached: plan.managed.map(p => p.arn),
      inline: Object.fromEntries(plan.inline.map(p => [p.name, p.document]))
    }
    expect(compareRole(plan, undefined)).toEqual({ status: 'absent' })
    expect(compareRole(plan, same)).toEqual({ status: 'up to date' })
    expect(compareRole(plan, { ...same, tags: {} }).status).toBe('not ours')
    expect(compareRole(plan, { ...same, tags: { 'aws-auth-check:migrated-from': 'other' } }).status).toBe(
      'not ours'
    )
    expect(compareRole(plan, { ...same, attached: [] })).toMatchObject({
      status: 'differs',
      reason: expect.stringContaining('managed policies')
    })
  })
})

describe('migration renderers', () => {
  const plan = planMigration(input())
  const files = planFiles(plan)

  it('writes the same plan in every format', () => {
    expect(JSON.parse(files['trust-policy.json']!)).toEqual(plan.role.trustPolicy)
    const template = parse(files['cloudformation.yaml']!) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>
    }
    expect(template.Resources.GitHubOidcProvider!.Properties.ClientIdList).toEqual(['sts.amazonaws.com'])
    const role = template.Resources.Role!.Properties
    expect(role.AssumeRolePolicyDocument).toEqual(plan.role.trustPolicy)
    expect(role.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess'])
    expect(role.PermissionsBoundary).toBe(plan.role.boundary)
    expect(role.Policies).toEqual(
      plan.inline.map(p => ({ PolicyName: p.name, PolicyDocument: JSON.parse(p.document) }))
    )
    expect(files['main.tf']).toContain('resource "aws_iam_openid_connect_provider" "github"')
    expect(files['main.tf']).toContain('permissions_boundary = "arn:aws:iam::123456789012:policy/boundary"')
    expect(files['workflow.md']).toContain(`role-to-assume: ${plan.role.arn}`)
    expect(files['workflow.md']).toContain('id-token: write')
  })

  it('leaves out the provider when the account has it', () => {
    const existing = planMigration(
      input({
        account: {
          attachedPoliciesPerRole: 10,
          rolePolicySize: 10_240,
          provider: {
            arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
            audiences: ['sts.amazonaws.com']
          }
        }
      })
    )
    const rendered = planFiles(existing)
    expect(rendered['cloudformation.yaml']).not.toContain('OIDCProvider')
    expect(rendered['main.tf']).not.toContain('aws_iam_openid_connect_provider')
  })

  it('escapes policy variables so Terraform does not read them as templates', () => {
    expect(hclString('arn:aws:s3:::bucket/${aws:username}/%{x}')).toBe(
      '"arn:aws:s3:::bucket/$${aws:username}/%%{x}"'
    )
  })
})

describe('migration permissions', () => {
  const docs = readFileSync('docs/migrate-to-oidc.md', 'utf8')
  const blocks = [...docs.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map(m => JSON.parse(m[1]!) as unknown)

  it('the docs print exactly the statements a denied call prints', () => {
    const where = { partition: 'aws' as const, accountId: 'ACCOUNT' }
    expect(blocks).toContainEqual(planPolicy(where, 'USER'))
    expect(blocks).toContainEqual(applyPolicy(where, 'github-*'))
  })

  it('names the resources in the partition of the identity', () => {
    const cn = JSON.stringify(applyPolicy({ partition: 'aws-cn', accountId: '1' }, 'r'))
    expect(cn).toContain('arn:aws-cn:iam::1:role/r')
    expect(cn).not.toContain('arn:aws:')
  })
})
