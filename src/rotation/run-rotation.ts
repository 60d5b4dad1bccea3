import * as core from '@actions/core'
import type { Settings } from '../inputs/settings.js'
import type { RotationSettings } from '../inputs/rotation-inputs.js'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult } from '../checks/check-result.js'
import { checkData } from '../checks/check-data.js'
import type { AuditOutcome } from '../audit/run-audit.js'
import { decide, type VerdictSettings } from '../verdict/verdict.js'
import type { KeyRotationSettings, RotationOutcome } from './rotation-types.js'
import type { TimelineEntry } from '../steps/timeline.js'
import { judgedAfterRotation } from './rotated-key-result.js'

/** What the rotation stage hands on: the credentials and results the verdict judges, and what happened. */
export interface RotationStage {
  readonly obtained: ObtainedCredentials
  readonly results: readonly CheckResult[]
  /** Absent with rotate-key: never. */
  readonly outcome?: RotationOutcome
  readonly timeline: readonly TimelineEntry[]
  /** Where the rotation looked (and the region, for the partition), for the summary and the dry run. */
  readonly settings: RotationSettings & Pick<Settings, 'region'>
}

/** The rotation's settings, the region (for the summary's partition) and what the verdict reads. */
export type RotationStageSettings = KeyRotationSettings & VerdictSettings & Pick<Settings, 'region'>

export interface RotationContext {
  readonly settings: RotationStageSettings
  readonly obtained: ObtainedCredentials
  readonly results: readonly CheckResult[]
  readonly audit?: AuditOutcome
  readonly now: Date
}

/**
 * The rotation stage (rotate-key other than never). Runs only when nothing but the key's age would fail
 * the step; the rotation code (and libsodium) loads only then. After a rotation the rest of the run
 * judges and exports the new key.
 */
export async function runRotation(context: RotationContext): Promise<RotationStage> {
  const { settings, obtained, results } = context
  const unchanged = { obtained, results, timeline: [], settings }
  if (settings.rotateKey === 'never') return unchanged
  const identity = checkData(results).identity
  const blocked = !(await decide({ ...settings, enforceKeyAge: false }, obtained, results, context.audit)).ok
  if (identity === undefined || blocked || obtained.longLivedKey === undefined) {
    const reason = 'Key rotation skipped: the step fails for a reason other than the key age (see the error).'
    return { ...unchanged, outcome: { status: 'skipped', reason, warning: false } }
  }
  const longLivedKey = obtained.longLivedKey
  return core.group('Rotate access key', async () => {
    const { rotateWithAction } = await import('./rotate-with-action.js')
    const { outcome, timeline } = await rotateWithAction(settings, longLivedKey, identity.arn)
    if (outcome.status !== 'rotated') return { ...unchanged, outcome, timeline }
    const newKey = {
      accessKeyId: outcome.newKey.accessKeyId,
      secretAccessKey: outcome.newKey.secretAccessKey
    }
    const rotated: ObtainedCredentials = {
      ...obtained,
      // Stored keys are what the job uses; an assumed role's session stays valid and is kept.
      credentials: obtained.source === 'stored-keys' ? newKey : obtained.credentials,
      longLivedKey: newKey
    }
    return { obtained: rotated, results: judgedAfterRotation(results, outcome), outcome, timeline, settings }
  })
}
