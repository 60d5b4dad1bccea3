import { describe, expect, it } from '@jest/globals'
import { applyPlan } from '../../src/migration/apply-plan.js'
import { planMigration, type MigrationPlan } from '../../src/migration/plan.js'
import type { RoleApi } from '../../src/migration/role-writes.js'
import type { RoleState } from '../../src/migration/role-state.js'
import { Timeline } from '../../src/steps/timeline.js'

const plan: MigrationPlan = planMigration({
  settings: { migrateSubjects: [] },
  callerArn: 'arn:aws:iam::123456789012:user/admin',
  repository: { owner: 'acme', name: 'app' },
  permissions: {
    userName: 'deployer',
    userArn: 'arn:aws:iam::123456789012:user/deployer',
    groups: [],
    attached: [{ arn: 'arn:aws:iam::aws:policy/A', name: 'A', from: { kind: 'user', name: 'deployer' } }],
    inline: [{ name: 'i', document: '{"Statement":[]}', from: { kind: 'user', name: 'deployer' } }]
  },
  account: { attachedPoliciesPerRole: 10, rolePolicySize: 10_240 }
})

/** An in-memory IAM that logs every call and fails the ones a test names. */
function iam(fail: Partial<Record<keyof RoleApi, boolean>> = {}) {
  const calls: string[] = []
  let role: RoleState | undefined
  const act = async <T>(name: keyof RoleApi, fn: () => T): Promise<T> => {
    calls.push(name)
    if (fail[name]) throw Object.assign(new Error(`${name} failed`), { name: 'ServiceFailure' })
    return fn()
  }
  const api: RoleApi = {
    readRole: () => act('readRole', () => role),
    createProvider: () => act('createProvider', () => plan.provider.arn),
    deleteProvider: () => act('deleteProvider', () => undefined),
    createRole: () =>
      act('createRole', () => {
        role = {
          arn: plan.role.arn,
          tags: { 'aws-auth-check:migrated-from': 'deployer' },
          trustPolicy: JSON.stringify(plan.role.trustPolicy),
          attached: [],
          inline: {}
        }
        return plan.role.arn
      }),
    deleteRole: () => act('deleteRole', () => void (role = undefined)),
    attach: (_, arn) => act('attach', () => void (role = { ...role!, attached: [...role!.attached, arn] })),
    detach: () => act('detach', () => undefined),
    putInline: (_, name, doc) => act('putInline', () => void (role = { ...role!, inline: { [name]: doc } })),
    deleteInline: () => act('deleteInline', () => undefined)
  }
  return { api, calls }
}

const deps = (
  api: RoleApi,
  prove = async () => 'arn:aws:sts::123456789012:assumed-role/github-acme-app/proof'
) => ({
  iam: api,
  prove,
  explain: (error: unknown, action: string) => `${action}: ${(error as Error).message}`,
  timeline: new Timeline()
})

describe('applyPlan', () => {
  it('writes the provider, the role and its policies, verifies and proves; a second run writes nothing', async () => {
    const { api, calls } = iam()
    const first = deps(api)
    expect(await applyPlan(plan, first)).toMatchObject({ status: 'created', roleArn: plan.role.arn })
    expect(calls).toEqual(['readRole', 'createProvider', 'createRole', 'attach', 'putInline', 'readRole'])
    expect(first.timeline.entries.map(e => e.step)).toContain('Prove role (sts:AssumeRoleWithWebIdentity)')
    calls.length = 0
    expect(await applyPlan(plan, deps(api))).toMatchObject({ status: 'up to date' })
    expect(calls).toEqual(['readRole'])
  })

  it('rolls back newest first when the proof fails, and names the failed call', async () => {
    const { api, calls } = iam()
    const outcome = await applyPlan(
      plan,
      deps(api, () => Promise.reject(new Error('AccessDenied')))
    )
    expect(calls.slice(6)).toEqual(['deleteInline', 'detach', 'deleteRole', 'deleteProvider'])
    expect(outcome).toMatchObject({ status: 'failed' })
    if (outcome.status === 'failed') {
      expect(outcome.message).toMatch(
        /^migrate-to-oidc: apply failed at Prove role \(sts:AssumeRoleWithWebIdentity\)/
      )
      expect(outcome.message).toMatch(/nothing was left behind\.$/)
    }
  })

  it('says what to delete by hand when the rollback fails too', async () => {
    const { api } = iam({ putInline: true, deleteRole: true })
    const outcome = await applyPlan(plan, deps(api))
    expect(outcome).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(
        /failed at Put i \(iam:PutRolePolicy\).*ROLLBACK INCOMPLETE, delete by hand: role github-acme-app/
      )
    })
  })
})
