import { describe, expect, it } from '@jest/globals'
import { checkLines } from '../../src/report/check-lines.js'

describe('check-lines', () => {
  it('renders one log line per check, marked by its status, in order', () => {
    expect(
      checkLines([
        { name: 'identity', status: 'pass', durationMs: 12, detail: 'arn:aws:iam::123456789012:user/ci' },
        { name: 'users', status: 'denied', durationMs: 3, detail: 'iam:ListUsers denied' },
        { name: 'key-age', status: 'warn', durationMs: 4, detail: '80 days old' },
        { name: 'regions', status: 'fail', durationMs: 5, detail: 'timed out' },
        { name: 'permissions', status: 'skipped', durationMs: 0, detail: 'not asked for' }
      ])
    ).toEqual([
      '✓ identity pass in 12 ms: arn:aws:iam::123456789012:user/ci',
      '⊘ users denied in 3 ms: iam:ListUsers denied',
      '! key-age warn in 4 ms: 80 days old',
      '✗ regions fail in 5 ms: timed out',
      '- permissions skipped in 0 ms: not asked for'
    ])
  })
})
