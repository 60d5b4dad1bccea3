/** How one rotation step ended. */
export type StepResult = 'ok' | 'warning' | 'failed' | 'skipped' | 'rolled back'

/** One row of a step timeline (rotation, migration) (job summary): the step, when it started, how long, how it ended. */
export interface TimelineEntry {
  readonly step: string
  readonly startedAt: Date
  readonly durationMs: number
  readonly result: StepResult
  readonly detail: string
}

/** Collects the timeline as the steps run. The clock is passed in, so tests can fix it. */
export class Timeline {
  readonly entries: TimelineEntry[] = []

  constructor(private readonly clock: () => Date = () => new Date()) {}

  now(): Date {
    return this.clock()
  }

  /** Records a step that started at `startedAt` and ended now. */
  record(step: string, startedAt: Date, result: StepResult, detail: string): void {
    const durationMs = Math.max(0, this.clock().getTime() - startedAt.getTime())
    this.entries.push({ step, startedAt, durationMs, result, detail })
  }
}
