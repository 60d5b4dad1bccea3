import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/**
 * Writes the JSON report to report-path (relative to the workspace) and sets the `report-path` output.
 * Written pass or fail: a failed run's report is the one people need.
 */
export async function writeReport(reportPath: string, report: unknown): Promise<void> {
  const path = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), reportPath)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8')
  core.setOutput('report-path', path)
  core.info(`Report written to ${path}`)
}
