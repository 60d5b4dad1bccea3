import { describe, expect, it } from '@jest/globals'
import type { CheckResult } from '../../src/checks/check-result.js'
import { judgedAfterRotation, withRotation } from '../../src/rotation/rotated-key-result.js'
import type { RotationOutcome } from '../../src/rotation/rotation-types.js'
import type { Verdict } from '../../src/verdict/verdict.js'

const expiredKeyAge: CheckResult = {
  name: 'key-age',
  status: 'fail',
  durationMs: 12,
  detail: 'AKIA…0001 is 100 days old (expired)',
  data: {
    userName: 'bot',
    keyId: 'AKIA…0001',
    createDate: '2026-01-01T00:00:00.000Z',
    ageDays: 100,
    ageClass: 'expired',
    otherActiveKeys: []
  }
}
const rotated = (retired: boolean): Extract<RotationOutcome, { status: 'rotated' }> => ({
  status: 'rotated',
  newKey: {
    accessKeyId: 'AKIANEWKEY0000000002',
    secretAccessKey: 's',
    createDate: new Date('2026-04-11T10:00:00Z'),
    userName: 'bot'
  },
  oldKeyId: 'AKIAOLDKEY0000000001',
  retired,
  warnings: retired ? [] : ['could not be deactivated'],
  state: []
})
const verdict: Verdict = { ok: true, warnings: ['w'], keyStatus: 'ok' }

describe('judgedAfterRotation', () => {
  it('judges the new key: 0 days, ok, pass', () => {
    const [result] = judgedAfterRotation([expiredKeyAge], rotated(true))
    expect(result).toMatchObject({
      status: 'pass',
      data: { keyId: 'AKIA…0002', ageDays: 0, ageClass: 'ok', otherActiveKeys: [] }
    })
  })

  it('keeps the old key as another active key when it could not be deactivated', () => {
    const [result] = judgedAfterRotation([expiredKeyAge], rotated(false))
    expect(result).toMatchObject({
      status: 'warn',
      data: { otherActiveKeys: [{ keyId: 'AKIA…0001', ageDays: 100 }] }
    })
  })
})

describe('withRotation', () => {
  it('a failed rotation fails the step, its message first', () => {
    const failed = withRotation(
      { ...verdict, ok: false, failure: 'expired' },
      { status: 'failed', failure: 'Key rotation failed', state: [] }
    )
    expect(failed).toMatchObject({ ok: false, failure: 'Key rotation failed Also: expired' })
  })

  it('adds the rotation warnings, and the grace-period wait', () => {
    expect(withRotation(verdict, rotated(false)).warnings).toEqual(['w', 'could not be deactivated'])
    expect(withRotation(verdict, { status: 'skipped', reason: 'waits', warning: true }).warnings).toEqual([
      'w',
      'waits'
    ])
    expect(withRotation(verdict, { status: 'skipped', reason: 'not due', warning: false })).toEqual(verdict)
  })
})
