// The live, mutable account a fake endpoint serves: the seed with relative dates resolved against
// the moment the endpoint started, plus lookup tables by key id, user name and role name.
import { createHash } from 'node:crypto'
import type { KeyStatus, OptInStatus, Seed, SeedAccessKey, SeedPolicy, SeedRole } from './seed.js'
import { assertSupportedPolicy, type NamedPolicy } from './policy-evaluation.js'

const DAY_MS = 86_400_000
/**
 * "N days ago" is placed an hour further back: timestamps travel with second precision, and a key
 * created exactly N days ago would read as N-1 whole days once its milliseconds are truncated.
 */
const AGE_MARGIN_MS = 3_600_000

export interface AccessKey {
  id: string
  secret: string
  status: KeyStatus
  createDate: Date
  lastUsed?: { date: Date; region: string; service: string }
  /** User name, or undefined for the root user's keys. */
  userName: string | undefined
  /** A key created through the API does not authenticate before this (IAM propagation). */
  authenticatesAfter?: Date
}

export interface User {
  name: string
  path: string
  id: string
  arn: string
  createDate: Date
  passwordEnabled: boolean
  passwordLastUsed?: Date
  mfaActive: boolean
  allowedActions: string[]
  /** Inline and attached managed policies (besides the allowedActions shorthand). */
  policies: NamedPolicy[]
  accessKeys: AccessKey[]
  groups: string[]
  permissionsBoundary?: string
}

export interface Group {
  name: string
  path: string
  id: string
  arn: string
  policies: NamedPolicy[]
}

export interface Role extends Omit<SeedRole, 'path' | 'maxSessionDurationSeconds' | 'policies'> {
  policies: NamedPolicy[]
  tags: { Key: string; Value: string }[]
  permissionsBoundary?: string
  description?: string
  createDate?: Date
  path: string
  id: string
  arn: string
  maxSessionDurationSeconds: number
}

export interface Region {
  name: string
  optInStatus: OptInStatus
}

export interface AccountState {
  accountId: string
  /** aws, aws-cn or aws-us-gov: every ARN of the account names it. */
  partition: string
  createDate: Date
  root: { arn: string; mfaActive: boolean; passwordLastUsed?: Date; accessKeys: AccessKey[] }
  users: User[]
  usersByName: Map<string, User>
  /** Every long-lived access key (users' and root's) by id. */
  keysById: Map<string, AccessKey>
  roles: Map<string, Role>
  groups: Map<string, Group>
  /** Every managed policy attached anywhere in the seed, by ARN (what AttachRolePolicy can attach). */
  managedPolicies: Map<string, NamedPolicy>
  oidcProviders: { url: string; arn: string; clientIds: string[] }[]
  regions: Region[]
}

/** IAM's default role quotas: managed policies attached, characters of inline policy in total. */
export const ROLE_QUOTAS = { attachedPolicies: 10, inlinePolicySize: 10_240 }

export const daysAgo = (now: number, days: number): Date => new Date(now - days * DAY_MS - AGE_MARGIN_MS)

/** Stable, realistic-looking unique ids (AIDA…, AROA…) derived from the name. */
export function uniqueId(prefix: string, name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const digest = createHash('sha256').update(name).digest()
  let id = prefix
  for (let i = 0; id.length < 21; i++) id += alphabet[digest[i]! % 32]
  return id
}

function toPolicies(
  owner: string,
  type: 'user' | 'role' | 'group',
  seeded: SeedPolicy[] = [],
  accountId = ''
): NamedPolicy[] {
  return seeded.map(p => {
    const arn = p.managed ? (p.arn ?? `arn:aws:iam::${accountId}:policy/${p.name}`) : undefined
    const policy: NamedPolicy = {
      name: p.name,
      type: p.managed ? (arn?.includes(':aws:policy/') ? 'aws-managed' : 'user-managed') : type,
      document: p.document,
      ...(arn ? { arn } : {})
    }
    assertSupportedPolicy(owner, policy)
    return policy
  })
}

function toAccessKey(key: SeedAccessKey, userName: string | undefined, now: number): AccessKey {
  return {
    id: key.id,
    secret: key.secret,
    status: key.status,
    createDate: daysAgo(now, key.createdDaysAgo),
    lastUsed: key.lastUsed && {
      date: daysAgo(now, key.lastUsed.daysAgo),
      region: key.lastUsed.region,
      service: key.lastUsed.service
    },
    userName
  }
}

export function buildAccountState(seed: Seed, now = Date.now()): AccountState {
  const { accountId } = seed
  const partition = seed.partition ?? 'aws'
  const keysById = new Map<string, AccessKey>()
  const rootKeys = (seed.root?.accessKeys ?? []).map(k => toAccessKey(k, undefined, now))
  const users: User[] = seed.users.map(u => {
    const path = u.path ?? '/'
    return {
      name: u.name,
      path,
      id: uniqueId('AIDA', `${accountId}/user/${u.name}`),
      arn: `arn:${partition}:iam::${accountId}:user${path}${u.name}`,
      createDate: daysAgo(now, u.createdDaysAgo),
      passwordEnabled: u.passwordEnabled ?? false,
      passwordLastUsed:
        u.passwordLastUsedDaysAgo === undefined ? undefined : daysAgo(now, u.passwordLastUsedDaysAgo),
      mfaActive: u.mfaActive ?? false,
      allowedActions: u.allowedActions,
      policies: toPolicies(u.name, 'user', u.policies, accountId),
      accessKeys: u.accessKeys.map(k => toAccessKey(k, u.name, now)),
      groups: u.groups ?? [],
      permissionsBoundary: u.permissionsBoundary
    }
  })
  for (const key of [...rootKeys, ...users.flatMap(u => u.accessKeys)]) {
    if (keysById.has(key.id)) throw new Error(`seed reuses access key id ${key.id}`)
    keysById.set(key.id, key)
  }
  const roles = new Map<string, Role>()
  for (const r of seed.roles ?? []) {
    const path = r.path ?? '/'
    roles.set(r.name, {
      ...r,
      policies: toPolicies(r.name, 'role', r.policies, accountId),
      tags: [],
      path,
      id: uniqueId('AROA', `${accountId}/role/${r.name}`),
      arn: `arn:${partition}:iam::${accountId}:role${path}${r.name}`,
      maxSessionDurationSeconds: r.maxSessionDurationSeconds ?? 3600
    })
  }
  const groups = new Map<string, Group>()
  for (const g of seed.groups ?? []) {
    const path = g.path ?? '/'
    groups.set(g.name, {
      name: g.name,
      path,
      id: uniqueId('AGPA', `${accountId}/group/${g.name}`),
      arn: `arn:aws:iam::${accountId}:group${path}${g.name}`,
      policies: toPolicies(g.name, 'group', g.policies, accountId)
    })
  }
  const managedPolicies = new Map<string, NamedPolicy>()
  for (const owner of [...users, ...groups.values(), ...roles.values()]) {
    for (const p of owner.policies) if (p.arn) managedPolicies.set(p.arn, p)
  }
  return {
    accountId,
    groups,
    managedPolicies,
    partition,
    createDate: daysAgo(now, seed.accountCreatedDaysAgo ?? 1000),
    root: {
      arn: `arn:${partition}:iam::${accountId}:root`,
      mfaActive: seed.root?.mfaActive ?? true,
      passwordLastUsed:
        seed.root?.passwordLastUsedDaysAgo === undefined
          ? undefined
          : daysAgo(now, seed.root.passwordLastUsedDaysAgo),
      accessKeys: rootKeys
    },
    users,
    usersByName: new Map(users.map(u => [u.name, u])),
    keysById,
    roles,
    oidcProviders: (seed.oidcProviders ?? []).map(p => ({
      url: p.url,
      arn: `arn:${partition}:iam::${accountId}:oidc-provider/${p.url.replace(/^https:\/\//, '')}`,
      clientIds: p.clientIds
    })),
    regions: seed.regions.map(r => ({ ...r }))
  }
}
