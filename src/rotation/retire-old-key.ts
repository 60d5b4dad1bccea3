import { formatKeyId } from '../aws/access-key-id.js'
import { isAccessDenied } from '../aws/error-code.js'
import type { CreatedKey } from './iam-keys.js'
import { diagnose } from '../aws/error-diagnosis.js'
import { ownUserResource, partitionOf } from '../aws/partition.js'
import type { RotationDependencies, RotationOutcome, RotationRequest } from './rotation-types.js'

/** 5. Deactivate the old key. A failure here is a warning: both keys work, the secrets hold the new one. */
export async function retireOldKey(
  request: RotationRequest,
  deps: RotationDependencies,
  newKey: CreatedKey
): Promise<RotationOutcome> {
  const { oldKey, settings } = request
  const old = formatKeyId(oldKey.accessKeyId)
  const fresh = formatKeyId(newKey.accessKeyId)
  const started = deps.timeline.now()
  const warnings: string[] = []
  let retired = true
  try {
    await deps.keys.deactivate(oldKey.accessKeyId)
    deps.timeline.record(
      '5. Deactivate old key',
      started,
      'ok',
      `${old} is Inactive; deleted by the first rotation after ${settings.retireAfterDays} days`
    )
  } catch (error) {
    retired = false
    const cause = diagnose(error, {
      action: 'iam:UpdateAccessKey',
      region: settings.region,
      accessKeyId: oldKey.accessKeyId,
      maxAttempts: settings.retryMaxAttempts
    }).message
    const missing = isAccessDenied(error)
      ? 'the identity lacks iam:UpdateAccessKey'
      : 'UpdateAccessKey failed'
    deps.timeline.record('5. Deactivate old key', started, 'warning', `${missing}: both keys stay active`)
    warnings.push(
      `Key rotated to ${fresh}, but the old key ${old} could not be deactivated: ${missing} (${cause}). Both keys are active and work; the secrets hold ${fresh}. Allow iam:UpdateAccessKey on ${ownUserResource(partitionOf(request.callerArn, settings.region))}, or deactivate it by hand: aws iam update-access-key --access-key-id <${old}> --status Inactive.`
    )
  }
  const state = [
    `${fresh} is Active and in every rotated secret`,
    retired
      ? `${old} is Inactive (deleted by the first rotation after retire-after-days: ${settings.retireAfterDays})`
      : `${old} is still Active (deactivation failed)`
  ]
  return { status: 'rotated', newKey, oldKeyId: oldKey.accessKeyId, retired, warnings, state }
}
