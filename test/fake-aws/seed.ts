// The JSON shape of a fake account. Dates are relative ("createdDaysAgo") so fixtures never rot;
// they are turned into absolute dates when a fake endpoint starts (see account-state.ts).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PolicyDocument } from './policy-evaluation.js'

export type KeyStatus = 'Active' | 'Inactive'

export interface SeedAccessKey {
  id: string
  secret: string
  status: KeyStatus
  createdDaysAgo: number
  /** Omitted: never used (GetAccessKeyLastUsed gives N/A, the credential report N/A). */
  lastUsed?: { daysAgo: number; region: string; service: string }
}

export interface SeedUser {
  name: string
  path?: string
  createdDaysAgo: number
  passwordEnabled?: boolean
  passwordLastUsedDaysAgo?: number
  mfaActive?: boolean
  /** IAM actions this user's policies allow, e.g. "iam:ListUsers", "iam:List*", "*" (on any resource). */
  allowedActions: string[]
  /** Policy documents beyond the shorthand: Allow/Deny, wildcards, resources (no Condition). */
  policies?: SeedPolicy[]
  accessKeys: SeedAccessKey[]
  /** Names of the seed's groups the user is in: their policies apply to it, as in IAM. */
  groups?: string[]
  /** ARN of a managed policy set as the user's permissions boundary (recorded, not evaluated). */
  permissionsBoundary?: string
}

/** An IAM group: its inline and attached managed policies apply to its members. */
export interface SeedGroup {
  name: string
  path?: string
  policies?: SeedPolicy[]
}

/** An inline policy of the user or role, or (managed: true) a customer managed policy attached to it. */
export interface SeedPolicy {
  name: string
  managed?: boolean
  /** A managed policy's ARN; default arn:aws:iam::<account>:policy/<name> (e.g. arn:aws:iam::aws:policy/ReadOnlyAccess). */
  arn?: string
  document: PolicyDocument
}

/** A tiny subset of IAM policy grammar: enough for GitHub OIDC and cross-account trust policies. */
export type ConditionBlock = Record<string, Record<string, string | string[]>>

export interface TrustStatement {
  /** An explicit Deny that matches wins over every Allow, as in IAM. */
  Effect: 'Allow' | 'Deny'
  Principal: { Federated?: string | string[]; AWS?: string | string[] }
  Action: string | string[]
  Condition?: ConditionBlock
}

export interface SeedRole {
  name: string
  path?: string
  maxSessionDurationSeconds?: number
  allowedActions: string[]
  policies?: SeedPolicy[]
  trustPolicy: { Version?: string; Statement: TrustStatement[] }
}

export interface SeedOidcProvider {
  /** Issuer URL, e.g. https://token.actions.githubusercontent.com */
  url: string
  clientIds: string[]
}

export type OptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in'

export interface SeedRegion {
  name: string
  optInStatus: OptInStatus
}

/** A member account of the seed's organization: its own users, keys and roles (e.g. the audit role). */
export interface SeedMemberAccount {
  id: string
  name: string
  email?: string
  /** ListAccounts' State; suspended and closed accounts are listed but not ACTIVE. */
  state?: 'ACTIVE' | 'SUSPENDED' | 'CLOSED'
  root?: Seed['root']
  users: SeedUser[]
  roles?: SeedRole[]
}

/** With an organization, the seed's own account is its management account. */
export interface SeedOrganization {
  /** o-… */
  id: string
  /** The management account's name in ListAccounts. */
  managementName?: string
  accounts: SeedMemberAccount[]
}

export interface Seed {
  accountId: string
  /** The partition the account's ARNs name: aws (default), aws-cn, aws-us-gov. */
  partition?: string
  accountCreatedDaysAgo?: number
  root?: { mfaActive?: boolean; passwordLastUsedDaysAgo?: number; accessKeys?: SeedAccessKey[] }
  users: SeedUser[]
  groups?: SeedGroup[]
  roles?: SeedRole[]
  oidcProviders?: SeedOidcProvider[]
  regions: SeedRegion[]
  organization?: SeedOrganization
}

const seedsDir = join(dirname(fileURLToPath(import.meta.url)), 'seeds')

/** Loads `test/fake-aws/seeds/<name>.json` as a fresh object the caller may modify. */
export function loadSeed(name = 'default'): Seed {
  return JSON.parse(readFileSync(join(seedsDir, `${name}.json`), 'utf8')) as Seed
}

/** Finds a user's first access key in a seed, for tests that need its id and secret. */
export function seedKey(seed: Seed, userName: string, index = 0): SeedAccessKey {
  const key = seed.users.find(u => u.name === userName)?.accessKeys[index]
  if (!key) throw new Error(`seed has no access key #${index} for user ${userName}`)
  return key
}
