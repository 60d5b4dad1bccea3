import { setRotationOutputs } from '../effects/rotation-outputs.js'
import type { RotationStage } from '../rotation/run-rotation.js'
import { logDryRun, writeRotationSummary } from './rotation-summary.js'

/** Everything the rotation stage shows: outputs, the dry run's plan, the summary's timeline. */
export async function reportRotation(stage: RotationStage): Promise<void> {
  setRotationOutputs(stage.outcome)
  logDryRun(stage)
  await writeRotationSummary(stage)
}
