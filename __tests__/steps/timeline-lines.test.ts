import { describe, expect, it } from '@jest/globals'
import { timelineLines } from '../../src/steps/timeline-lines.js'

describe('timeline-lines', () => {
  it('renders one log line per step, in the order they ran', () => {
    const startedAt = new Date('2025-06-01T12:00:00.000Z')
    expect(
      timelineLines([
        { step: '1. Create the new key', startedAt, durationMs: 80, result: 'ok', detail: 'AKIA…WXYZ' },
        { step: '2. Wait for it', startedAt, durationMs: 0, result: 'rolled back', detail: 'deleted' }
      ])
    ).toEqual(['1. Create the new key: ok (80 ms) AKIA…WXYZ', '2. Wait for it: rolled back (0 ms) deleted'])
  })

  it('renders nothing for no steps', () => {
    expect(timelineLines([])).toEqual([])
  })
})
