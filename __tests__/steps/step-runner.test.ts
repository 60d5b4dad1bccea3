import { describe, expect, it } from '@jest/globals'
import { runStep, runSteps, StepFailure } from '../../src/steps/step-runner.js'
import { Timeline } from '../../src/steps/timeline.js'

const clock = () => {
  let t = Date.parse('2026-01-01T00:00:00Z')
  return () => new Date((t += 10))
}

describe('step-runner', () => {
  it('records a step that succeeds with its detail and duration', async () => {
    const timeline = new Timeline(clock())
    const value = await runStep(
      timeline,
      'Create role',
      async () => 42,
      v => `got ${v}`,
      String
    )
    expect(value).toBe(42)
    expect(timeline.entries).toEqual([
      expect.objectContaining({ step: 'Create role', result: 'ok', detail: 'got 42', durationMs: 10 })
    ])
  })

  it('turns a failure into a StepFailure naming the step, explained by cause', async () => {
    const timeline = new Timeline(clock())
    const failed = runStep(
      timeline,
      'Create role',
      () => Promise.reject(new Error('boom')),
      () => '',
      error => `explained: ${(error as Error).message}`
    )
    await expect(failed).rejects.toMatchObject({ step: 'Create role', message: 'explained: boom' })
    expect(timeline.entries[0]).toMatchObject({ result: 'failed', detail: 'explained: boom' })
  })

  it('keeps the message of a StepFailure thrown inside the step', async () => {
    const timeline = new Timeline(clock())
    const failed = runStep(
      timeline,
      'Verify',
      () => Promise.reject(new StepFailure('', 'the role differs')),
      () => '',
      () => 'not this'
    )
    await expect(failed).rejects.toMatchObject({ step: 'Verify', message: 'the role differs' })
  })

  it('runs the rollback with the failure, and only on failure', async () => {
    const rolledBack: string[] = []
    const rollBack = async (f: StepFailure) => {
      rolledBack.push(f.step)
      return 'undone'
    }
    expect(await runSteps('migration', async () => 'value', rollBack)).toEqual({
      status: 'done',
      value: 'value'
    })
    expect(rolledBack).toEqual([])
    const failed = await runSteps(
      'migration',
      () => Promise.reject(new StepFailure('Attach policy', 'denied')),
      rollBack
    )
    expect(failed).toMatchObject({ status: 'failed', rollback: 'undone', failure: { step: 'Attach policy' } })
    const bug = await runSteps('migration', () => Promise.reject(new TypeError('x is undefined')), rollBack)
    expect(bug).toMatchObject({ status: 'failed', failure: { step: 'migration' } })
    expect(rolledBack).toEqual(['Attach policy', 'migration'])
  })
})
