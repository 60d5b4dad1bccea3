import { formatKeyId } from '../aws/access-key-id.js'
import { classifyKeyAge, wholeDaysBetween } from '../checks/key-age.js'
import type { RotateMode } from '../inputs/settings.js'

/** One key as ListAccessKeys reports it. */
export interface ListedKey {
  readonly id: string
  readonly status: string
  readonly createDate: Date
}

export interface PlanInput {
  readonly keys: readonly ListedKey[]
  /** The stored key this run authenticated with. */
  readonly currentKeyId: string
  readonly userName: string
  readonly mode: RotateMode
  readonly warnKeyAgeDays: number
  readonly maxKeyAgeDays: number
  readonly retireAfterDays: number
  readonly now: Date
}

/** What rotation will do, decided before anything changes. */
export type KeyPlan =
  /** Not due, or cannot run yet; `warning` when the user should hear about it. */
  | { readonly action: 'skip'; readonly reason: string; readonly warning?: boolean }
  /** Rotating would be unsafe: the step fails with this reason, nothing changed. */
  | { readonly action: 'stop'; readonly reason: string }
  | {
      readonly action: 'rotate'
      readonly reason: string
      readonly ageDays: number
      /** A second key, Inactive and retired long enough ago, deleted first to make room. */
      readonly deleteFirst?: { readonly id: string; readonly retiredDaysAgo: number }
    }

/** Another key created this recently is someone else's rotation in flight (or a new consumer). */
export const RECENT_KEY_MS = 10 * 60_000

function dueReason(input: PlanInput, ageDays: number): string | undefined {
  const ageClass = classifyKeyAge(ageDays, input)
  const age = `${formatKeyId(input.currentKeyId)} is ${ageDays} days old`
  if (input.mode === 'always') return `${age}; rotate-key: always`
  if (input.mode === 'warned' && ageClass !== 'ok')
    return `${age}, past warn-key-age-days (${input.warnKeyAgeDays})`
  if (input.mode === 'expired' && ageClass === 'expired') {
    return `${age}, past max-key-age-days (${input.maxKeyAgeDays})`
  }
  return undefined
}

function notDue(input: PlanInput, ageDays: number): string {
  const limit =
    input.mode === 'warned'
      ? `warn-key-age-days (${input.warnKeyAgeDays})`
      : `max-key-age-days (${input.maxKeyAgeDays})`
  return `${formatKeyId(input.currentKeyId)} is ${ageDays} days old; rotate-key: ${input.mode} rotates it once it is past ${limit}.`
}

/**
 * Decides the rotation from ListAccessKeys alone. Pure. A retired key's deactivation date is not in
 * IAM: it is taken to be the creation of the key in use, which the rotation that retired it created
 * (docs/rotation.md, "When is an old key deleted").
 */
export function planRotation(input: PlanInput): KeyPlan {
  const current = input.keys.find(k => k.id === input.currentKeyId)
  const user = input.userName || '(root)'
  if (current === undefined) {
    return {
      action: 'stop',
      reason: `IAM did not list ${formatKeyId(input.currentKeyId)} among the keys of IAM user ${user}, so it cannot be replaced safely. Check that aws-access-key-id is the key of the user these credentials belong to.`
    }
  }
  const ageDays = wholeDaysBetween(current.createDate, input.now)
  if (input.mode === 'never') return { action: 'skip', reason: 'rotate-key: never' }
  const reason = dueReason(input, ageDays)
  if (reason === undefined) return { action: 'skip', reason: notDue(input, ageDays) }

  const others = input.keys.filter(k => k.id !== current.id)
  const recent = others.find(k => input.now.getTime() - k.createDate.getTime() < RECENT_KEY_MS)
  if (recent !== undefined) {
    const minutes = Math.max(0, Math.round((input.now.getTime() - recent.createDate.getTime()) / 60_000))
    return {
      action: 'stop',
      reason: `IAM user ${user} has another key, ${formatKeyId(recent.id)}, created ${minutes} minute(s) ago: another rotation is in flight, or someone gave this user a key for another consumer. Rotating now could lock that consumer out. Wait until it finishes (the rotate-keys workflow's concurrency group prevents overlaps), or find out who created it.`
    }
  }
  const active = others.find(k => k.status === 'Active')
  if (active !== undefined) {
    return {
      action: 'stop',
      reason: `IAM user ${user} has a second active key, ${formatKeyId(active.id)}, besides ${formatKeyId(current.id)}: another consumer uses this user, or an earlier rotation could not deactivate its old key. IAM allows two keys, so there is no room for a new one, and deleting a key in use would break its consumer. Find out who uses it (aws iam get-access-key-last-used --access-key-id …), then deactivate and delete it.`
    }
  }
  const inactive = others[0]
  if (inactive === undefined) return { action: 'rotate', reason, ageDays }
  if (inactive.createDate.getTime() > current.createDate.getTime()) {
    return {
      action: 'stop',
      reason: `IAM user ${user} has an Inactive key, ${formatKeyId(inactive.id)}, newer than the key in use, so no rotation of ours retired it. IAM allows two keys, so there is no room for a new one. Delete it (aws iam delete-access-key --access-key-id …) if nobody needs it.`
    }
  }
  const retiredDaysAgo = ageDays
  if (retiredDaysAgo < input.retireAfterDays) {
    const from = new Date(current.createDate.getTime() + input.retireAfterDays * 86_400_000)
    return {
      action: 'skip',
      warning: true,
      reason: `Key rotation is due (${reason}) but waits: ${formatKeyId(inactive.id)}, retired ${retiredDaysAgo} day(s) ago, is kept for retire-after-days (${input.retireAfterDays}) in case it must be reactivated, and IAM allows two keys. The next rotation can run from ${from.toISOString().slice(0, 10)}.`
    }
  }
  return { action: 'rotate', reason, ageDays, deleteFirst: { id: inactive.id, retiredDaysAgo } }
}
