// A user with a stored key and permissions from everywhere IAM gives them (its own attached and inline
// policies, two groups' attached and inline policies, a permissions boundary): what migrate-to-oidc
// carries over to the role. `addMigratingUser(seed, …)` adds it; the account has no OIDC provider.
import type { Seed, SeedPolicy } from './seed.js'

const allow = (...actions: string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow' as const, Action: actions, Resource: '*' }]
})

export interface MigratingUserOptions {
  /** Groups the user is in (default 2), each with one managed and one inline policy. */
  groups?: number
  /** Managed policies attached to the user itself (default 1). */
  managed?: number
  /** Inline policies of the user itself (default 1). */
  inline?: number
  /** Inline policies of each group (default 1). */
  groupInline?: number
  /** Bytes of padding in the user's inline policy (to push the role over IAM's inline size). */
  inlinePadding?: number
}

/** Adds `name` (key AKIAMIGRATE…) and its groups to the seed; returns the key's id and secret. */
export function addMigratingUser(
  seed: Seed,
  name: string,
  options: MigratingUserOptions = {}
): { id: string; secret: string } {
  const { groups = 2, managed = 1, inline = 1, groupInline = 1, inlinePadding = 0 } = options
  const policy = (policyName: string, isManaged: boolean, ...actions: string[]): SeedPolicy => ({
    name: policyName,
    ...(isManaged ? { managed: true } : {}),
    document: allow(...actions)
  })
  seed.groups ??= []
  for (let g = 0; g < groups; g++) {
    seed.groups.push({
      name: `${name}-group-${g}`,
      policies: [
        policy(`${name}-group-${g}-managed`, true, `s3:GetObject`),
        ...Array.from({ length: groupInline }, (_, i) =>
          policy(i === 0 ? 'deploy' : `deploy-${i}`, false, 'lambda:UpdateFunctionCode')
        )
      ]
    })
  }
  const padding = inlinePadding > 0 ? [`s3:${'x'.repeat(inlinePadding)}`] : []
  const id = `AKIAMIGRATE${name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .padEnd(9, 'X')
    .slice(0, 9)}`
  const secret = `migrate/${name}/`.padEnd(40, 'k')
  seed.users.push({
    name,
    createdDaysAgo: 300,
    allowedActions: [],
    permissionsBoundary: `arn:aws:iam::${seed.accountId}:policy/${name}-boundary`,
    groups: Array.from({ length: groups }, (_, g) => `${name}-group-${g}`),
    policies: [
      ...Array.from({ length: managed }, (_, m) =>
        policy(`${name}-managed-${m}`, true, 'ecr:GetAuthorizationToken')
      ),
      ...Array.from({ length: inline }, (_, i) =>
        policy(
          i === 0 ? 'inline' : `inline-${i}`,
          false,
          'sts:GetCallerIdentity',
          'cloudfront:CreateInvalidation',
          ...padding
        )
      )
    ],
    accessKeys: [{ id, secret, status: 'Active', createdDaysAgo: 40 }]
  })
  return { id, secret }
}
