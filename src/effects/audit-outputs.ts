import * as core from '@actions/core'
import type { AuditReport } from '../audit/audit-report.js'

/** Sets `findings-count`, pass or fail, so a later `if: failure()` step can act on it. */
export function setAuditOutputs(report: AuditReport): void {
  core.setOutput('findings-count', String(report.totals.findings))
}
