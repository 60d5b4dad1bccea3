import { formatKeyId } from '../aws/access-key-id.js'
import type { CheckResult } from '../checks/check-result.js'
import type { KeyAgeData } from '../checks/key-age.js'
import type { Verdict } from '../verdict/verdict.js'
import type { RotationOutcome } from './rotation-types.js'

/**
 * The check results with key-age describing the new key (docs/rotation.md, step 6: the step is judged on it). The
 * old key is still "another active key" when it could not be deactivated. Pure.
 */
export function judgedAfterRotation(
  results: readonly CheckResult[],
  outcome: Extract<RotationOutcome, { status: 'rotated' }>
): CheckResult[] {
  const fresh = formatKeyId(outcome.newKey.accessKeyId)
  const old = formatKeyId(outcome.oldKeyId)
  return results.map(result => {
    if (result.name !== 'key-age') return result
    const before = result.data as KeyAgeData | undefined
    const data: KeyAgeData = {
      userName: outcome.newKey.userName || (before?.userName ?? ''),
      keyId: fresh,
      createDate: outcome.newKey.createDate.toISOString(),
      ageDays: 0,
      ageClass: 'ok',
      otherActiveKeys: outcome.retired ? [] : [{ keyId: old, ageDays: before?.ageDays ?? 0 }]
    }
    const { denial: _denial, failure: _failure, ...kept } = result
    return {
      ...kept,
      status: outcome.retired ? 'pass' : 'warn',
      detail: `${fresh} is 0 days old (ok; rotated from ${old} by this run)`,
      data
    }
  })
}

/** The verdict with the rotation's failure or warnings added. Pure. */
export function withRotation(verdict: Verdict, outcome: RotationOutcome | undefined): Verdict {
  if (outcome === undefined) return verdict
  if (outcome.status === 'failed') {
    const also = verdict.failure ? ` Also: ${verdict.failure}` : ''
    return { ...verdict, ok: false, failure: `${outcome.failure}${also}` }
  }
  const warnings =
    outcome.status === 'rotated'
      ? outcome.warnings
      : outcome.status === 'skipped' && outcome.warning
        ? [outcome.reason]
        : outcome.status === 'dry-run' && outcome.plan.action === 'stop'
          ? [`Dry run: a rotation would stop here. ${outcome.plan.reason}`]
          : []
  return { ...verdict, warnings: [...verdict.warnings, ...warnings] }
}
