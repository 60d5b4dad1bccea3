import type { TimelineEntry } from './timeline.js'

/** The log's view of a step timeline (rotation, migration): one line per step, in the order they ran. */
export function timelineLines(entries: readonly TimelineEntry[]): string[] {
  return entries.map(entry => `${entry.step}: ${entry.result} (${entry.durationMs} ms) ${entry.detail}`)
}
