import { describe, expect, it } from '@jest/globals'
import { refreshReport } from '../../src/refresh/refresh-report.js'

describe('refresh-report', () => {
  it('says how many renewals ran, when, the last error and how the endpoint ended', () => {
    const report = refreshReport(
      {
        pid: 1,
        startedAt: '2030-01-01T00:00:00.000Z',
        renewals: [
          { at: '2030-01-01T00:45:00.000Z', expiresAt: '' },
          { at: '2030-01-01T01:30:00.000Z', expiresAt: '2030-01-01T02:30:00.000Z' }
        ],
        failures: 0,
        lastError: { at: '2030-01-01T00:44:00.000Z', message: 'Rate exceeded' }
      },
      true
    )
    expect(report.lines).toEqual([
      'Credential refresh: 2 renewals since 2030-01-01T00:00:00.000Z (2030-01-01T00:45:00.000Z, 2030-01-01T01:30:00.000Z); stopped by the post step.',
      'Last renewal error (2030-01-01T00:44:00.000Z): Rate exceeded'
    ])
    expect(report.rows).toEqual([
      ['Renewals', '2'],
      ['Renewed at', '2030-01-01T00:45:00.000Z, 2030-01-01T01:30:00.000Z'],
      ['Last error', '2030-01-01T00:44:00.000Z: Rate exceeded'],
      ['Ended', 'stopped by the post step']
    ])
  })

  it('reports an endpoint that stopped on its own, or left no status', () => {
    const stopped = refreshReport(
      { pid: 1, startedAt: 't0', renewals: [], failures: 1, stopped: 'GitHub refused a token' },
      false
    )
    expect(stopped.lines[0]).toBe('Credential refresh: 0 renewals since t0; GitHub refused a token.')
    expect(refreshReport(undefined, false).lines[0]).toContain('found it already gone')
  })
})
