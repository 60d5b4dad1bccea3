// Deterministic organizations for the organization audit's tests and benchmark: a management account
// (the default seed's) and N member accounts, each with its own users, keys and the audit role.
import { generateLargeSeed } from './large-seed.js'
import { loadSeed, type Seed, type SeedMemberAccount, type SeedRole } from './seed.js'

export interface OrganizationSeedOptions {
  /** Member accounts besides the management account. */
  members: number
  /** IAM users per member account (bulk users with a realistic spread of key ages). */
  usersPerAccount: number
  /** Members (by index) whose audit role is missing: AssumeRole is denied. */
  withoutRole?: readonly number[]
  /** Members (by index) whose audit role may not read the credential report or the IAM API. */
  unreadable?: readonly number[]
  /** Members (by index) that are SUSPENDED (listed, not audited). */
  suspended?: readonly number[]
  roleName?: string
  /** Organization id. */
  id?: string
}

/** The audit role's permissions, as docs/org-audit-role.yml grants them. */
export const AUDIT_ROLE_ACTIONS = [
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport',
  'iam:ListUsers',
  'iam:ListAccessKeys',
  'iam:GetAccessKeyLastUsed',
  'iam:GetAccountSummary'
]

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Member account ids: 2000000000NN, distinct from the default seed's 123456789012. */
export const memberAccountId = (index: number): string => `2000${String(index).padStart(8, '0')}`

function auditRole(managementAccountId: string, roleName: string, allowedActions: string[]): SeedRole {
  return {
    name: roleName,
    allowedActions,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
          Action: 'sts:AssumeRole'
        }
      ]
    }
  }
}

/**
 * The default seed as the management account of an organization of `members` accounts. Key ids are
 * unique across the organization (the fake finds a key's account by its id).
 */
export function generateOrganizationSeed(options: OrganizationSeedOptions): Seed {
  const base = loadSeed()
  const roleName = options.roleName ?? 'aws-auth-check-audit'
  const accounts: SeedMemberAccount[] = []
  for (let index = 0; index < options.members; index++) {
    const id = memberAccountId(index)
    const bulk = generateLargeSeed({ users: options.usersPerAccount, randomSeed: 1000 + index }).users.slice(
      base.users.length
    )
    // AKIAM + the account in 3 base-32 characters + the bulk key's own 12: 20 characters, unique.
    const tag = [1024, 32, 1].map(unit => ALPHABET[Math.floor(index / unit) % 32]).join('')
    const users = bulk.map(user => ({
      ...user,
      accessKeys: user.accessKeys.map(key => ({ ...key, id: `AKIAM${tag}${key.id.slice(8)}` }))
    }))
    const actions = options.unreadable?.includes(index) ? ['sts:GetCallerIdentity'] : AUDIT_ROLE_ACTIONS
    accounts.push({
      id,
      name: `member-${index}`,
      state: options.suspended?.includes(index) ? 'SUSPENDED' : 'ACTIVE',
      users,
      roles: options.withoutRole?.includes(index) ? [] : [auditRole(base.accountId, roleName, actions)]
    })
  }
  return {
    ...base,
    organization: { id: options.id ?? 'o-a1b2c3d4e5', managementName: 'management', accounts }
  }
}
