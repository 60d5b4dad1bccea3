import type { ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult } from '../checks/check-result.js'
import type { IdentityData } from '../checks/identity.js'
import type { AuditOutcome } from './audit-outcome.js'
import type { AuditJob, AuditJobSettings, AuditRunner } from './audit-job.js'

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
 * The audit this run asks for (audit-scope: account or organization), or undefined for audit-scope:
 * caller, or when the identity check failed (the verdict already fails; auditing an account the
 * credentials may not be meant for would be wrong).
 */
export function auditJobOf({ settings, obtained, results, now }: AuditContext): AuditJob | undefined {
  if (settings.auditScope === 'caller') return undefined
  const identity = results.find(r => r.name === 'identity')
  if (identity?.status !== 'pass') return undefined
  return { scope: settings.auditScope, settings, obtained, identity: identity.data as IdentityData, now }
}

/** The log group the audit's lines, and its effects', go in. */
export function auditGroupName(job: AuditJob): string {
  return job.scope === 'organization' ? "Audit the organization's access keys" : 'Audit account access keys'
}

/**
 * The audit stage: runs `job` and returns its outcome (the report, or why there is none); the pipeline
 * publishes it (effects/publish-audit.ts). Never throws: the verdict decides. Tests pass a runner that
 * audits in their thread, with their seams.
 */
export function runAudit(job: AuditJob, run: AuditRunner = inWorker): Promise<AuditOutcome> {
  return run(job)
}
