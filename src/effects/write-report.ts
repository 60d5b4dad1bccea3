import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { OrganizationReport } from '../audit/organization/organization-report.js'

/**
 * Writes the JSON report to report-path (relative to the workspace) and sets the `report-path` output.
 * Written pass or fail: a failed run's report is the one people need. An organization report is streamed
 * as the merge writes it, one finding per line: its tens of thousands of findings as one pretty-printed
 * string (two bytes a character, for the … in key ids) next to the report were the organization audit's
 * peak RSS.
 */
export async function writeReport(reportPath: string, report: unknown): Promise<void> {
  let path: string
  if ((report as Partial<OrganizationReport>).scope === 'organization') {
    const { writeMergedReport } = await import('./write-merged-report.js')
    path = await writeMergedReport(reportPath, report as OrganizationReport)
  } else {
    path = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), reportPath)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8')
  }
  core.setOutput('report-path', path)
  core.info(`Report written to ${path}`)
}
