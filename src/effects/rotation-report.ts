import { setRotationOutputs } from './rotation-outputs.js'
import { logLines } from './log-lines.js'
import { writeJobSummary } from './job-summary.js'
import type { RotationStage } from '../rotation/run-rotation.js'

/**
 * Everything the rotation stage shows: outputs, the dry run's plan, the summary's timeline. Nothing
 * without rotate-key, and the summary's code loads only with it.
 */
export async function reportRotation(stage: RotationStage): Promise<void> {
  const { outcome } = stage
  if (outcome === undefined) return
  setRotationOutputs(outcome)
  const { dryRunLines, renderRotationSummary } = await import('../report/rotation-summary.js')
  const reported = { ...stage, outcome }
  logLines(dryRunLines(reported))
  await writeJobSummary(() => renderRotationSummary(reported))
}
