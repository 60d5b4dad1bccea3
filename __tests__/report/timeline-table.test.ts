import { describe, expect, it } from '@jest/globals'
import { timelineTable } from '../../src/report/timeline-table.js'

describe('timeline-table', () => {
  it('renders a header row, then one escaped row per step with its start, time and result', () => {
    const startedAt = new Date('2025-06-01T12:34:56.789Z')
    expect(
      timelineTable([
        { step: '1. Create <key>', startedAt, durationMs: 80, result: 'ok', detail: 'a\nb' },
        { step: '2. Retire', startedAt, durationMs: 5, result: 'rolled back', detail: 'deleted' }
      ])
    ).toEqual([
      [
        { data: 'Step', header: true },
        { data: 'Started (UTC)', header: true },
        { data: 'Time', header: true },
        { data: 'Result', header: true },
        { data: 'Detail', header: true }
      ],
      ['1. Create &lt;key&gt;', '12:34:56.789', '80 ms', '✅ ok', 'a b'],
      ['2. Retire', '12:34:56.789', '5 ms', '↩️ rolled back', 'deleted']
    ])
  })
})
