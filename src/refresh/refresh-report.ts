import type { RefreshStatus } from './status-file.js'

export interface RefreshReport {
  /** Lines for the post step's log. */
  readonly lines: readonly string[]
  /** Rows for the job summary's table (label, value). */
  readonly rows: readonly (readonly [string, string])[]
}

/** What the post step says about the endpoint: how many renewals, when, the last error, how it ended. */
export function refreshReport(status: RefreshStatus | undefined, wasRunning: boolean): RefreshReport {
  if (status === undefined) {
    const ending = wasRunning ? 'stopped it' : 'found it already gone'
    return {
      lines: [`Credential refresh: the endpoint left no status; the post step ${ending}.`],
      rows: [['Status', 'no status file']]
    }
  }
  const count = status.renewals.length
  const times = status.renewals.map(r => r.at)
  const ending =
    status.stopped ?? (wasRunning ? 'stopped by the post step' : 'not running at the end of the job')
  const lines = [
    `Credential refresh: ${count} renewal${count === 1 ? '' : 's'} since ${status.startedAt}${count > 0 ? ` (${times.join(', ')})` : ''}; ${ending}.`
  ]
  if (status.lastError) lines.push(`Last renewal error (${status.lastError.at}): ${status.lastError.message}`)
  const rows: [string, string][] = [
    ['Renewals', String(count)],
    ['Renewed at', times.length > 0 ? times.join(', ') : '–'],
    ['Last error', status.lastError ? `${status.lastError.at}: ${status.lastError.message}` : '–'],
    ['Ended', ending]
  ]
  return { lines, rows }
}
