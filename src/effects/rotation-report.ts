import { setRotationOutputs } from './rotation-outputs.js'
import type { RotationStage } from '../rotation/run-rotation.js'

/**
 * Everything the rotation stage shows: outputs, the dry run's plan, the summary's timeline. Nothing
 * without rotate-key, and the summary's code loads only with it.
 */
export async function reportRotation(stage: RotationStage): Promise<void> {
  const { outcome } = stage
  if (outcome === undefined) return
  setRotationOutputs(outcome)
  const { logDryRun, writeRotationSummary } = await import('../report/rotation-summary.js')
  const reported = { ...stage, outcome }
  logDryRun(reported)
  await writeRotationSummary(reported)
}
