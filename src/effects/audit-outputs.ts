import * as core from '@actions/core'

/** Sets `findings-count`, pass or fail, so a later `if: failure()` step can act on it. */
export function setAuditOutputs(report: { readonly totals: { readonly findings: number } }): void {
  core.setOutput('findings-count', String(report.totals.findings))
}
