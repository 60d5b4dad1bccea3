import { describe, expect, it } from '@jest/globals'
import { planRotation, type PlanInput } from '../../src/rotation/plan.js'

const NOW = new Date('2026-06-01T12:00:00Z')
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000 - 3_600_000)
const CURRENT = 'AKIACURRENTKEY000001'
const base: PlanInput = {
  keys: [{ id: CURRENT, status: 'Active', createDate: daysAgo(100) }],
  currentKeyId: CURRENT,
  userName: 'deploy-bot',
  mode: 'expired',
  warnKeyAgeDays: 75,
  maxKeyAgeDays: 90,
  retireAfterDays: 7,
  now: NOW
}
const withOther = (other: { status: string; createDate: Date }, input: Partial<PlanInput> = {}) => ({
  ...base,
  ...input,
  keys: [...(input.keys ?? base.keys), { id: 'AKIAOTHERKEY00000009', ...other }]
})

describe('planRotation', () => {
  it.each([
    ['expired', 100, 'rotate'],
    ['expired', 80, 'skip'],
    ['warned', 80, 'rotate'],
    ['warned', 70, 'skip'],
    ['always', 1, 'rotate'],
    ['never', 500, 'skip']
  ] as [PlanInput['mode'], number, string][])(
    'rotate-key: %s with a %i-day key → %s',
    (mode, age, action) => {
      const plan = planRotation({
        ...base,
        mode,
        keys: [{ id: CURRENT, status: 'Active', createDate: daysAgo(age) }]
      })
      expect(plan.action).toBe(action)
    }
  )

  it('says why a key that is not due is kept', () => {
    const plan = planRotation({ ...base, keys: [{ id: CURRENT, status: 'Active', createDate: daysAgo(80) }] })
    expect(plan).toEqual({
      action: 'skip',
      reason: expect.stringContaining('once it is past max-key-age-days (90)')
    })
  })

  it('stops when the key in use is not listed', () => {
    expect(planRotation({ ...base, keys: [] })).toMatchObject({
      action: 'stop',
      reason: expect.stringContaining('IAM did not list AKIA…0001')
    })
  })

  it('stops on a second active key, naming it', () => {
    const plan = planRotation(withOther({ status: 'Active', createDate: daysAgo(30) }))
    expect(plan).toMatchObject({
      action: 'stop',
      reason: expect.stringContaining('second active key, AKIA…0009')
    })
  })

  it('stops on any other key created in the last 10 minutes, even an inactive one', () => {
    const plan = planRotation(
      withOther({ status: 'Inactive', createDate: new Date(NOW.getTime() - 4 * 60_000) })
    )
    expect(plan).toMatchObject({ action: 'stop', reason: expect.stringContaining('created 4 minute(s) ago') })
    const older = planRotation(
      withOther(
        { status: 'Inactive', createDate: new Date(NOW.getTime() - 11 * 60_000) },
        {
          keys: [{ id: CURRENT, status: 'Active', createDate: new Date(NOW.getTime() - 10 * 86_400_000) }],
          mode: 'always'
        }
      )
    )
    expect(older.action).toBe('stop') // newer than the key in use: not retired by us
    expect(older).toMatchObject({ reason: expect.stringContaining('newer than the key in use') })
  })

  it('deletes first an inactive key retired (successor created) at least retire-after-days ago', () => {
    const plan = planRotation(withOther({ status: 'Inactive', createDate: daysAgo(200) }))
    expect(plan).toEqual({
      action: 'rotate',
      reason: expect.any(String),
      ageDays: 100,
      deleteFirst: { id: 'AKIAOTHERKEY00000009', retiredDaysAgo: 100 }
    })
  })

  it('waits, with a warning, while the retired key is within retire-after-days', () => {
    const plan = planRotation(
      withOther(
        { status: 'Inactive', createDate: daysAgo(200) },
        { mode: 'always', keys: [{ id: CURRENT, status: 'Active', createDate: daysAgo(3) }] }
      )
    )
    expect(plan).toMatchObject({
      action: 'skip',
      warning: true,
      reason: expect.stringContaining('retired 3 day(s) ago')
    })
    expect(plan).toMatchObject({ reason: expect.stringContaining('from 2026-06-05') })
  })
})
