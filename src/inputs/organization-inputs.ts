import { InputError, integer, list, matching, text, type Read } from './read-input.js'

/** Which of n stable slices of the account list this job audits (1-based). */
export interface AuditShard {
  readonly index: number
  readonly count: number
}

/** The organization audit (audit-scope: organization). */
export interface OrganizationSettings {
  /** The role assumed in each member account. */
  readonly auditRoleName: string
  /** `all` ACTIVE accounts from organizations:ListAccounts, or these account ids. */
  readonly auditAccounts: 'all' | readonly string[]
  readonly auditShard: AuditShard
  /** Accounts audited at once within the job. */
  readonly auditConcurrency: number
}

/** IAM role names: 1-64 of [\w+=,.@-]. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/
const ACCOUNT_ID = /^\d{12}$/
const SHARD = /^(\d{1,4})\/(\d{1,4})$/
/** More shards than GitHub's 256 matrix jobs per workflow run would never all run. */
const MAX_SHARDS = 256

function readShard(read: Read): AuditShard {
  const value = text(read, 'audit-shard') || '1/1'
  const match = SHARD.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new InputError(
      'audit-shard',
      `got '${value}'. Expected i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}, e.g. 2/4 (in a matrix: \${{ matrix.shard }}/4).`
    )
  }
  return { index, count }
}

function readAccounts(read: Read): 'all' | string[] {
  const value = text(read, 'audit-accounts')
  if (value === '' || value === 'all') return 'all'
  const ids = list(read, 'audit-accounts')
  const bad = ids.filter(id => !ACCOUNT_ID.test(id))
  if (bad.length > 0 || ids.length === 0) {
    throw new InputError(
      'audit-accounts',
      `got '${bad.join(', ') || value}'. Expected all, or a comma list of 12-digit account ids.`
    )
  }
  return [...new Set(ids)]
}

export function readOrganizationInputs(read: Read): OrganizationSettings {
  return {
    auditRoleName:
      matching(
        read,
        'audit-role-name',
        ROLE_NAME,
        'an IAM role name: 1-64 characters of [A-Za-z0-9_+=,.@-]'
      ) ?? 'aws-auth-check-audit',
    auditAccounts: readAccounts(read),
    auditShard: readShard(read),
    auditConcurrency: integer(read, 'audit-concurrency', 8, 1, 64)
  }
}
