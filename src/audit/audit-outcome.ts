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
