import type { MigrationSettings } from '../inputs/migration-inputs.js'
import type { AccountFacts, PolicySource, UserPermissions } from './read-permissions.js'
import { GITHUB_PROVIDER_HOST } from './read-permissions.js'
import { checkLimits } from './plan-limits.js'
import { partitionOfArn, stsAudience, type Partition } from '../aws/partition.js'
import { defaultSubjects, providerArn, trustPolicy, type Repository } from './trust-policy.js'

/** The tag that marks a role as this action's replacement for a user: how a second apply knows it. */
export const MIGRATED_FROM_TAG = 'aws-auth-check:migrated-from'

export interface PlannedManagedPolicy {
  readonly arn: string
  readonly name: string
  /** Every place the user gets it from (a policy attached to the user and to a group is attached once). */
  readonly from: readonly PolicySource[]
}

export interface PlannedInlinePolicy {
  /** The name on the role: the user's own name, `<group>-<name>` for a group's. */
  readonly name: string
  readonly originalName: string
  /** The document, minified (IAM counts the characters without white space). */
  readonly document: string
  readonly from: PolicySource
}

/** The whole replacement, pure data: every renderer and the apply read it, nothing else. */
export interface MigrationPlan {
  readonly partition: Partition
  readonly accountId: string
  readonly user: { readonly name: string; readonly arn: string }
  readonly audience: string
  readonly provider: { readonly url: string; readonly arn: string; readonly exists: boolean }
  readonly subjects: readonly string[]
  readonly role: {
    readonly name: string
    readonly path: '/'
    readonly arn: string
    readonly description: string
    readonly maxSessionDuration: number
    readonly trustPolicy: ReturnType<typeof trustPolicy>
    readonly boundary?: string
    readonly tags: readonly { readonly Key: string; readonly Value: string }[]
  }
  readonly managed: readonly PlannedManagedPolicy[]
  readonly inline: readonly PlannedInlinePolicy[]
}

export interface PlanInput {
  readonly settings: Pick<MigrationSettings, 'migrateRoleName' | 'migrateSubjects'>
  readonly callerArn: string
  readonly repository: Repository
  readonly permissions: UserPermissions
  readonly account: AccountFacts
}

/** `github-<owner>-<repo>` in IAM's role-name charset, at most 64 characters. */
export function defaultRoleName(repository: Repository): string {
  return `github-${repository.owner}-${repository.name}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64)
}

/** The caller's partition, from its ARN (`aws` when the ARN names none). */
export function partitionOf(arn: string): Partition {
  return partitionOfArn(arn) ?? 'aws'
}

/** Group inline policies get the group's name in front; a clash gets a number (IAM: ≤ 128, [\w+=,.@-]). */
function inlinePolicies(permissions: UserPermissions): PlannedInlinePolicy[] {
  const taken = new Set<string>()
  return permissions.inline.map(policy => {
    const base = (policy.from.kind === 'user' ? policy.name : `${policy.from.name}-${policy.name}`).slice(
      0,
      120
    )
    let name = base
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}-${i}`
    taken.add(name.toLowerCase())
    return {
      name,
      originalName: policy.name,
      document: JSON.stringify(JSON.parse(policy.document)),
      from: policy.from
    }
  })
}

function managedPolicies(permissions: UserPermissions): PlannedManagedPolicy[] {
  const byArn = new Map<string, { arn: string; name: string; from: PolicySource[] }>()
  for (const policy of permissions.attached) {
    const entry = byArn.get(policy.arn) ?? { arn: policy.arn, name: policy.name, from: [] }
    entry.from.push(policy.from)
    byArn.set(policy.arn, entry)
  }
  return [...byArn.values()]
}

/**
 * The OIDC role that replaces the user: the provider (created when missing), a trust policy admitting
 * only this repository's tokens (or migrate-subject), and the user's permissions carried over: managed
 * policies attached, inline ones copied, the boundary kept. Throws PlanError when IAM would refuse it.
 */
export function planMigration(input: PlanInput): MigrationPlan {
  const { permissions, account, repository, settings } = input
  const partition = partitionOf(input.callerArn)
  const accountId = input.callerArn.split(':')[4] ?? ''
  const subjects =
    settings.migrateSubjects.length > 0 ? [...settings.migrateSubjects] : defaultSubjects(repository)
  const name = settings.migrateRoleName ?? defaultRoleName(repository)
  const trust = trustPolicy(partition, accountId, subjects)
  const plan: MigrationPlan = {
    partition,
    accountId,
    user: { name: permissions.userName, arn: permissions.userArn },
    audience: stsAudience(partition),
    provider: {
      url: `https://${GITHUB_PROVIDER_HOST}`,
      arn: account.provider?.arn ?? providerArn(partition, accountId),
      exists: account.provider !== undefined
    },
    subjects,
    role: {
      name,
      path: '/',
      arn: `arn:${partition}:iam::${accountId}:role/${name}`,
      description:
        `GitHub OIDC role for ${repository.owner}/${repository.name}, replacing IAM user ${permissions.userName}'s key (aws-auth-check)`.slice(
          0,
          1000
        ),
      maxSessionDuration: 3600,
      trustPolicy: trust,
      boundary: permissions.boundary,
      tags: [{ Key: MIGRATED_FROM_TAG, Value: permissions.userName }]
    },
    managed: managedPolicies(permissions),
    inline: inlinePolicies(permissions)
  }
  checkLimits(plan, account)
  return plan
}
