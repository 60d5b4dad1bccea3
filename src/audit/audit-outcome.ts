import * as core from '@actions/core'
import { ActionError } from '../runtime/action-error.js'
import type { AuditReport } from './audit-report.js'
import type { OrganizationReport } from './organization/organization-report.js'

/** What the audit stage hands the verdict. */
export interface AuditOutcome {
  /** Absent when the keys could not be read. main writes it to report-path, pass or fail. */
  readonly report?: AuditReport | OrganizationReport
  /** Why the audit could not run, and what to change. */
  readonly failure?: string
  /** Problems around a complete audit (the GitHub issue could not be updated). */
  readonly warnings: readonly string[]
}

/**
 * An audit that could not run, as the verdict gets it: an ActionError's message says what to allow; any
 * other error is named under `what` (e.g. 'account audit'), its stack only in the debug log.
 */
export function auditFailure(what: string, error: unknown): AuditOutcome {
  if (error instanceof Error && error.stack) core.debug(error.stack)
  const failure =
    error instanceof ActionError
      ? error.message
      : `The ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
  return { failure, warnings: [] }
}
