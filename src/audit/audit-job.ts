import type { ObtainedCredentials } from '../auth/credentials.js'
import type { IdentityData } from '../checks/identity.js'
import type { AuditOutcome } from './audit-outcome.js'
import type { AuditDependencies } from './audit-account.js'
import type { Settings } from '../inputs/settings.js'
import type { AuditSettings } from '../inputs/audit-inputs.js'
import type { NetworkSettings } from '../inputs/network-inputs.js'
import type { AccountAuditSettings } from './audit-account.js'
import type { OrganizationAuditSettings } from './organization/audit-organization.js'

/**
 * The audit stage's inputs: audit-scope, what the account or organization audit reads, the proxy the
 * worker sets its network up with, and the secret inputs it keeps out of its environment (audit-worker.ts).
 */
export type AuditJobSettings = Pick<AuditSettings, 'auditScope'> &
  AccountAuditSettings &
  OrganizationAuditSettings &
  Pick<NetworkSettings, 'httpProxy' | 'noProxy'> &
  Pick<Settings, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'githubToken'>

/** One audit, as plain data: what the audit worker gets (structured clone), and what tests run here. */
export interface AuditJob {
  readonly scope: 'account' | 'organization'
  /** What the audit reads, and the proxy settings the worker sets its network up with. */
  readonly settings: AuditJobSettings
  readonly obtained: ObtainedCredentials
  readonly identity: IdentityData
  /** The run's clock reading, shared with the checks. */
  readonly now: Date
}

/** Runs an audit job: where the action runs it (the worker) or, with their seams, the tests. */
export type AuditRunner = (job: AuditJob) => Promise<AuditOutcome>

/** Runs `job` in this thread. Never throws: the verdict decides. */
export async function auditHere(
  { scope, settings, obtained, identity, now }: AuditJob,
  dependencies: Partial<AuditDependencies> = {}
): Promise<AuditOutcome> {
  if (scope === 'organization') {
    // Organizations, the shards and the per-account runs load only for an organization audit.
    const { auditOrganization } = await import('./organization/audit-organization.js')
    return auditOrganization(settings, obtained, identity, now, dependencies)
  }
  // csv-parse, p-limit and the rules load only for an account audit: caller-scope runs never parse them.
  const { auditAccount } = await import('./audit-account.js')
  return auditAccount(settings, obtained, identity.account, now, dependencies)
}
