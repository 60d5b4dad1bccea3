import * as core from '@actions/core'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult } from '../checks/check-result.js'
import type { IdentityData } from '../checks/identity.js'
import type { AuditOutcome } from './audit-outcome.js'
import type { AuditJobSettings, AuditRunner } from './audit-job.js'

export type { AuditOutcome } from './audit-outcome.js'

export interface AuditContext {
  readonly settings: AuditJobSettings
  readonly obtained: ObtainedCredentials
  readonly results: readonly CheckResult[]
  /** The run's clock reading, shared with the checks so every age is counted from the same moment. */
  readonly now: Date
}

/** The action's runner: the audit in a worker thread whose young generation stays small (audit-worker.ts). */
const inWorker: AuditRunner = async job => (await import('./audit-worker.js')).auditInWorker(job)

/**
 * The audit stage (audit-scope: account or organization), the one call main makes. Returns undefined for
 * audit-scope: caller, or when the identity check failed (the verdict already fails; auditing an account
 * the credentials may not be meant for would be wrong). Never throws: the verdict decides. Tests pass a
 * runner that audits in their thread, with their seams.
 */
export async function runAudit(
  { settings, obtained, results, now }: AuditContext,
  run: AuditRunner = inWorker
): Promise<AuditOutcome | undefined> {
  if (settings.auditScope === 'caller') return undefined
  const identity = results.find(r => r.name === 'identity')
  if (identity?.status !== 'pass') return undefined
  const scope = settings.auditScope
  const job = { scope, settings, obtained, identity: identity.data as IdentityData, now }
  return core.group(
    scope === 'organization' ? "Audit the organization's access keys" : 'Audit account access keys',
    () => run(job)
  )
}
