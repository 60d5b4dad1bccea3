import type { TimelineEntry } from '../steps/timeline.js'
import { headerRow, type TableRow } from './summary-html.js'
import { summaryCell } from './summary-cell.js'

const RESULT_ICONS: Readonly<Record<string, string>> = {
  ok: '✅',
  warning: '⚠️',
  failed: '❌',
  skipped: '⏭️',
  'rolled back': '↩️'
}

/** The job summary's table of a step timeline (rotation, migration): step, start, duration, result, detail. */
export function timelineTable(entries: readonly TimelineEntry[]): TableRow[] {
  return [
    headerRow(['Step', 'Started (UTC)', 'Time', 'Result', 'Detail']),
    ...entries.map(e => [
      summaryCell(e.step),
      e.startedAt.toISOString().slice(11, 23),
      `${e.durationMs} ms`,
      `${RESULT_ICONS[e.result] ?? ''} ${e.result}`,
      summaryCell(e.detail)
    ])
  ]
}
