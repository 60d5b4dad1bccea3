import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import { readStepState } from '../runtime/step-state.js'
import { stopEndpoint } from '../refresh/stop-endpoint.js'
import { readStatus } from '../refresh/status-file.js'
import { refreshReport } from '../refresh/refresh-report.js'
import { summaryCell } from '../report/summary-cell.js'
import type { Cleanup } from './cleanups.js'

/**
 * refresh-credentials: stops the endpoint process, reports its renewals in the log and the job summary,
 * and removes its folder (status file, the profile's token file).
 */
export const stopRefresh: Cleanup = {
  failure: 'Could not stop the refresh-credentials endpoint',
  async run() {
    const saved = readStepState('refreshEndpoint')
    if (saved === undefined) return
    const wasRunning = await stopEndpoint(saved.pid)
    const report = refreshReport(await readStatus(join(saved.folder, 'status.json')), wasRunning)
    for (const line of report.lines) core.info(line)
    await rm(saved.folder, { recursive: true, force: true })
    await core.summary
      .addHeading('Credential refresh', 3)
      .addTable([
        [
          { data: 'What', header: true },
          { data: 'Value', header: true }
        ],
        ...report.rows.map(([label, value]) => [label, summaryCell(value)])
      ])
      .write()
  }
}
