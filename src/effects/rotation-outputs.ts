import * as core from '@actions/core'
import { formatKeyId } from '../aws/access-key-id.js'
import type { RotationOutcome } from '../rotation/rotation-types.js'

/** rotated, rotated-key-id and retired-key-id (key ids as AKIA…last4); only with rotate-key. */
export function setRotationOutputs(outcome: RotationOutcome): void {
  const rotated = outcome.status === 'rotated'
  core.setOutput('rotated', String(rotated))
  if (!rotated) return
  core.setOutput('rotated-key-id', formatKeyId(outcome.newKey.accessKeyId))
  if (outcome.retired) core.setOutput('retired-key-id', formatKeyId(outcome.oldKeyId))
}
