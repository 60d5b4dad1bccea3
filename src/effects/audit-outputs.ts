import * as core from '@actions/core'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { AuditReport } from '../audit/audit-report.js'
import { serializeReport } from '../audit/audit-report.js'

/**
 * Writes the audit's JSON report and sets `findings-count` and `report-path`. Done whether or not the
 * findings fail the step: a failed audit is exactly when the report is needed (the shipped workflow
 * uploads it with `if: always()`). It holds no secret: key ids are shown as AKIA…last4 only.
 * Resolves to the absolute path written.
 */
export async function publishAuditReport(path: string, report: AuditReport): Promise<string> {
  core.setOutput('findings-count', String(report.totals.findings))
  const target = resolve(path)
  await mkdir(dirname(target), { recursive: true })
  // Written beside the target and renamed, so a reader never sees half a report.
  const partial = `${target}.${process.pid}.partial`
  await writeFile(partial, serializeReport(report), { mode: 0o644 })
  await rename(partial, target)
  core.setOutput('report-path', target)
  return target
}
