import { setRotationOutputs } from '../effects/rotation-outputs.js'
import type { RotationStage } from '../rotation/run-rotation.js'

/**
 * Everything the rotation stage shows: outputs, the dry run's plan, the summary's timeline. Nothing
 * without rotate-key, and the summary's code loads only with it.
 */
export async function reportRotation(stage: RotationStage): Promise<void> {
  if (stage.outcome === undefined) return
  setRotationOutputs(stage.outcome)
  const { logDryRun, writeRotationSummary } = await import('./rotation-summary.js')
  logDryRun(stage)
  await writeRotationSummary(stage)
}
