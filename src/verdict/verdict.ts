import type { Settings } from '../inputs/settings.js'
import type { AuditJudgementSettings } from '../audit/judge-audit.js'
import type { ObtainedCredentials } from '../auth/credentials.js'
import { isTemporaryKeyId } from '../aws/access-key-id.js'
import type { CheckResult } from '../checks/check-result.js'
import type { KeyAgeData } from '../checks/key-age.js'
import { checkData } from '../checks/check-data.js'
import type { AuditOutcome } from '../audit/run-audit.js'

export type KeyStatus = 'ok' | 'warning' | 'expired' | 'temporary' | 'unknown'

/** The decision: whether the step passes, and what to tell the user. Pure. */
export interface Verdict {
  readonly ok: boolean
  /** The one `::error::` line when the step fails. */
  readonly failure?: string
  /** Warning annotations, in order. */
  readonly warnings: readonly string[]
  readonly keyStatus: KeyStatus
  readonly keyAgeDays?: number
}

type Thresholds = Pick<Settings, 'warnKeyAgeDays' | 'maxKeyAgeDays'>

/** What the verdict reads: how to treat denials and the key's age, and the audit's two inputs. */
export type VerdictSettings = Thresholds &
  Pick<Settings, 'enforceKeyAge' | 'failOnDenied'> &
  AuditJudgementSettings

/** How to rotate a stored key without downtime, or better, stop storing one. */
export function rotationSteps(key: KeyAgeData): string {
  const user = key.userName || '<user>'
  return (
    `Rotate it: 1) aws iam create-access-key --user-name ${user}; ` +
    `2) put the new key id and secret in the repository secrets this workflow reads; ` +
    `3) aws iam update-access-key --user-name ${user} --access-key-id <old key id> --status Inactive, and check nothing breaks; ` +
    `4) aws iam delete-access-key --user-name ${user} --access-key-id <old key id>. ` +
    `Better: switch to role-to-assume with GitHub OIDC and delete the stored key.`
  )
}

function keyAgeMessage(key: KeyAgeData, thresholds: Thresholds): string {
  const who = key.userName ? ` of IAM user ${key.userName}` : ''
  const verdict =
    key.ageClass === 'expired'
      ? `past max-key-age-days (${thresholds.maxKeyAgeDays}, CIS 1.14)`
      : `past warn-key-age-days (${thresholds.warnKeyAgeDays})`
  return `Access key ${key.keyId}${who} is ${key.ageDays} days old, ${verdict}; created ${key.createDate.slice(0, 10)}. ${rotationSteps(key)}`
}

function secondKeyMessage(key: KeyAgeData): string {
  const others = key.otherActiveKeys.map(k => `${k.keyId} (${k.ageDays} days)`).join(', ')
  return `IAM user ${key.userName || '(root)'} has another active access key besides ${key.keyId}: ${others}. CIS 1.13 allows one active key per user; deactivate and delete the one no longer in use.`
}

function denialMessage(result: CheckResult): string {
  const denial = result.denial!
  return `Check '${result.name}' was denied: the identity lacks ${denial.action}. ${denial.message}. Minimal policy statement that allows it: ${JSON.stringify(denial.statement)}`
}

function keyStatusOf(obtained: ObtainedCredentials, keyAge: KeyAgeData | undefined): KeyStatus {
  const stored = obtained.longLivedKey
  if (stored === undefined || isTemporaryKeyId(stored.accessKeyId)) return 'temporary'
  return keyAge ? keyAge.ageClass : 'unknown'
}

/** key-age is judged from its data: expired fails only with enforce-key-age; a second key warns. */
function judgeKeyAge(
  result: CheckResult,
  settings: Thresholds & Pick<Settings, 'enforceKeyAge'>,
  failures: string[],
  warnings: string[]
): void {
  const key = result.data as KeyAgeData | undefined
  if (key === undefined) {
    if (result.status === 'fail') failures.push(result.detail)
    if (result.status === 'warn') warnings.push(`Check 'key-age': ${result.detail}`)
    return
  }
  if (key.ageClass === 'expired' && settings.enforceKeyAge) failures.push(keyAgeMessage(key, settings))
  else if (key.ageClass !== 'ok') warnings.push(keyAgeMessage(key, settings))
  if (key.otherActiveKeys.length > 0) warnings.push(secondKeyMessage(key))
}

const isPreflight = (result: CheckResult) => result.name === 'permissions' || result.name === 'escalation'

/**
 * Results + settings → pass/fail, key status and messages. Pure; asynchronous only because the preflight's
 * and the audit's judges load when their stage ran (a default run needs neither).
 */
export async function decide(
  settings: VerdictSettings,
  obtained: ObtainedCredentials,
  results: readonly CheckResult[],
  audit?: AuditOutcome
): Promise<Verdict> {
  const failures: string[] = []
  const warnings: string[] = []
  const identity = results.find(r => r.name === 'identity')
  if (identity?.failure !== undefined) {
    // The credentials themselves do not work: every other check failed for the same reason.
    return { ok: false, failure: identity.detail, warnings, keyStatus: keyStatusOf(obtained, undefined) }
  }
  const preflight = results.some(isPreflight)
    ? await import('../checks/preflight/judge-preflight.js')
    : undefined
  for (const result of results) {
    if (preflight && isPreflight(result)) {
      preflight.judgePreflight(result, settings.failOnDenied, failures, warnings)
    } else if (result.status === 'denied')
      (settings.failOnDenied ? failures : warnings).push(denialMessage(result))
    else if (result.name === 'key-age') judgeKeyAge(result, settings, failures, warnings)
    else if (result.status === 'fail') failures.push(result.detail)
    else if (result.status === 'warn') warnings.push(`Check '${result.name}': ${result.detail}`)
  }
  if (audit !== undefined) {
    const { judgeAudit } = await import('../audit/judge-audit.js')
    const audited = judgeAudit(settings, audit)
    failures.push(...audited.failures)
    warnings.push(...audited.warnings)
  }
  const { keyAge } = checkData(results)
  return {
    ok: failures.length === 0,
    failure: failures.length > 0 ? failures.join(' Also: ') : undefined,
    warnings,
    keyStatus: keyStatusOf(obtained, keyAge),
    keyAgeDays: keyAge?.ageDays
  }
}
