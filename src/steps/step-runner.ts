import type { Timeline } from './timeline.js'

/** A failure in a step, with the step it happened in; the caller's rollback turns it into the outcome. */
export class StepFailure extends Error {
  constructor(
    readonly step: string,
    cause: string
  ) {
    super(cause)
  }
}

/**
 * Runs `fn` as a timeline step: its row records how long it took and the detail of its value, or the
 * cause of its failure, which is rethrown as a StepFailure naming the step. A StepFailure thrown inside
 * keeps its message (the step already said what went wrong); anything else is explained by `cause`.
 */
export async function runStep<T>(
  timeline: Timeline,
  name: string,
  fn: () => Promise<T>,
  detail: (value: T) => string,
  cause: (error: unknown) => string
): Promise<T> {
  const started = timeline.now()
  try {
    const value = await fn()
    timeline.record(name, started, 'ok', detail(value))
    return value
  } catch (error) {
    const message = error instanceof StepFailure ? error.message : cause(error)
    timeline.record(name, started, 'failed', message)
    throw new StepFailure(name, message)
  }
}

/** How a run of steps ended: the steps' value, or the failure and what its rollback reported. */
export type StepsOutcome<T, R> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'failed'; readonly failure: StepFailure; readonly rollback: R }

/**
 * Plan → steps → rollback: runs `steps`, and on any failure runs `rollBack` with it before returning.
 * A throw that is not a StepFailure (a bug, or a failure outside any step) is attributed to `stage`.
 */
export async function runSteps<T, R>(
  stage: string,
  steps: () => Promise<T>,
  rollBack: (failure: StepFailure) => Promise<R>
): Promise<StepsOutcome<T, R>> {
  try {
    return { status: 'done', value: await steps() }
  } catch (error) {
    const failure = error instanceof StepFailure ? error : new StepFailure(stage, String(error))
    return { status: 'failed', failure, rollback: await rollBack(failure) }
  }
}
