import * as core from '@actions/core'
import type { AuditSettings } from '../inputs/audit-inputs.js'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult } from '../checks/check-result.js'
import type { IdentityData } from '../checks/identity.js'
import type { AuditOutcome } from './audit-outcome.js'
import type { AccountAuditSettings, AuditDependencies } from './audit-account.js'
import type { OrganizationAuditSettings } from './organization/audit-organization.js'

export type { AuditOutcome } from './audit-outcome.js'

/** The audit stage's inputs: audit-scope, and what the account or organization audit reads. */
export type AuditStageSettings = Pick<AuditSettings, 'auditScope'> &
  AccountAuditSettings &
  OrganizationAuditSettings

export interface AuditContext {
  readonly settings: AuditStageSettings
  readonly obtained: ObtainedCredentials
  readonly results: readonly CheckResult[]
  /** The run's clock reading, shared with the checks so every age is counted from the same moment. */
  readonly now: Date
}

/**
 * The audit stage (audit-scope: account or organization), the one call main makes. Returns undefined for
 * audit-scope: caller, or when the identity check failed (the verdict already fails; auditing an account
 * the credentials may not be meant for would be wrong). Never throws: the verdict decides.
 */
export async function runAudit(
  { settings, obtained, results, now }: AuditContext,
  dependencies: Partial<AuditDependencies> = {}
): Promise<AuditOutcome | undefined> {
  if (settings.auditScope === 'caller') return undefined
  const identity = results.find(r => r.name === 'identity')
  if (identity?.status !== 'pass') return undefined
  const data = identity.data as IdentityData
  if (settings.auditScope === 'organization') {
    // Organizations, the shards and the per-account runs load only for an organization audit.
    const { auditOrganization } = await import('./organization/audit-organization.js')
    return core.group("Audit the organization's access keys", () =>
      auditOrganization(settings, obtained, data, now, dependencies)
    )
  }
  const account = data.account
  // csv-parse, p-limit and the rules load only for an account audit: caller-scope runs never parse them.
  const { auditAccount } = await import('./audit-account.js')
  return core.group('Audit account access keys', () =>
    auditAccount(settings, obtained, account, now, dependencies)
  )
}
