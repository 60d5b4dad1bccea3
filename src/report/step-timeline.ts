import * as core from '@actions/core'
import type { TimelineEntry } from '../steps/timeline.js'
import { summaryCell } from './summary-cell.js'

const RESULT_ICONS: Readonly<Record<string, string>> = {
  ok: '✅',
  warning: '⚠️',
  failed: '❌',
  skipped: '⏭️',
  'rolled back': '↩️'
}

type SummaryTableRow = Parameters<typeof core.summary.addTable>[0][number]

/** One log line per step, in the order they ran (rotation, migration). */
export function logTimeline(entries: readonly TimelineEntry[]): void {
  for (const entry of entries) {
    core.info(`${entry.step}: ${entry.result} (${entry.durationMs} ms) ${entry.detail}`)
  }
}

/** The job summary's table of a step timeline: step, start, duration, result, detail. */
export function timelineTable(entries: readonly TimelineEntry[]): SummaryTableRow[] {
  return [
    [
      { data: 'Step', header: true },
      { data: 'Started (UTC)', header: true },
      { data: 'Time', header: true },
      { data: 'Result', header: true },
      { data: 'Detail', header: true }
    ],
    ...entries.map(e => [
      summaryCell(e.step),
      e.startedAt.toISOString().slice(11, 23),
      `${e.durationMs} ms`,
      `${RESULT_ICONS[e.result] ?? ''} ${e.result}`,
      summaryCell(e.detail)
    ])
  ]
}
