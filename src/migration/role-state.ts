import { errorCodeOf } from '../aws/error-code.js'
import { allPages, decodePolicy, type MigrationIam } from './migration-iam.js'
import { MIGRATED_FROM_TAG, type MigrationPlan } from './plan.js'

/** A role as IAM holds it: what a second apply compares with the plan. */
export interface RoleState {
  readonly arn: string
  readonly tags: Readonly<Record<string, string>>
  /** JSON text. */
  readonly trustPolicy: string
  readonly boundary?: string
  readonly attached: readonly string[]
  /** Inline policy name → JSON text. */
  readonly inline: Readonly<Record<string, string>>
}

/** The role of that name, or undefined when IAM has none. */
export async function readRole(iam: MigrationIam, name: string): Promise<RoleState | undefined> {
  const { client, sdk } = iam
  let role
  try {
    role = (await client.send(new sdk.GetRoleCommand({ RoleName: name }))).Role
  } catch (error) {
    if (errorCodeOf(error) === 'NoSuchEntity') return undefined
    throw error
  }
  const [attached, names] = await Promise.all([
    allPages(async Marker => {
      const a = await client.send(new sdk.ListAttachedRolePoliciesCommand({ RoleName: name, Marker }))
      return { ...a, items: (a.AttachedPolicies ?? []).map(p => p.PolicyArn ?? '') }
    }),
    allPages(async Marker => {
      const a = await client.send(new sdk.ListRolePoliciesCommand({ RoleName: name, Marker }))
      return { ...a, items: a.PolicyNames ?? [] }
    })
  ])
  const documents = await Promise.all(
    names.map(async PolicyName => {
      const a = await client.send(new sdk.GetRolePolicyCommand({ RoleName: name, PolicyName }))
      return [PolicyName, decodePolicy(a.PolicyDocument)] as const
    })
  )
  return {
    arn: role?.Arn ?? '',
    tags: Object.fromEntries((role?.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? ''])),
    trustPolicy: decodePolicy(role?.AssumeRolePolicyDocument),
    boundary: role?.PermissionsBoundary?.PermissionsBoundaryArn,
    attached,
    inline: Object.fromEntries(documents)
  }
}

/** JSON with its keys sorted, so two documents that mean the same compare equal. */
function canonical(json: string): string {
  const sort = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sort)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sort(v)])
          )
        : value
  try {
    return JSON.stringify(sort(JSON.parse(json)))
  } catch {
    return json
  }
}

export type RoleComparison =
  | { readonly status: 'absent' }
  | { readonly status: 'up to date' }
  | { readonly status: 'not ours' | 'differs'; readonly reason: string }

/** What a role of the plan's name is to this migration: absent, ours and as planned, or in the way. */
export function compareRole(plan: MigrationPlan, role: RoleState | undefined): RoleComparison {
  if (role === undefined) return { status: 'absent' }
  const owner = role.tags[MIGRATED_FROM_TAG]
  if (owner !== plan.user.name) {
    const tagged = owner === undefined ? `no ${MIGRATED_FROM_TAG} tag` : `${MIGRATED_FROM_TAG}=${owner}`
    return {
      status: 'not ours',
      reason: `it was not made by this migration for ${plan.user.name} (${tagged})`
    }
  }
  const differences: string[] = []
  if (canonical(role.trustPolicy) !== canonical(JSON.stringify(plan.role.trustPolicy)))
    differences.push('its trust policy')
  if ((role.boundary ?? '') !== (plan.role.boundary ?? '')) differences.push('its permissions boundary')
  const planned = plan.managed.map(p => p.arn).sort()
  if (JSON.stringify([...role.attached].sort()) !== JSON.stringify(planned))
    differences.push('its managed policies')
  const names = Object.keys(role.inline).sort()
  const inlineDiffers =
    JSON.stringify(names) !== JSON.stringify(plan.inline.map(p => p.name).sort()) ||
    plan.inline.some(p => canonical(role.inline[p.name] ?? '') !== canonical(p.document))
  if (inlineDiffers) differences.push('its inline policies')
  if (differences.length === 0) return { status: 'up to date' }
  return {
    status: 'differs',
    reason: `made for ${plan.user.name}, but ${differences.join(', ')} differ from the plan`
  }
}
