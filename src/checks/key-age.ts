import type { AccessKeyMetadata } from '@aws-sdk/client-iam'
import { createIamClient, clientOptions } from '../aws/clients.js'
import { formatKeyId, isTemporaryKeyId } from '../aws/access-key-id.js'
import { ownUserResource } from '../aws/partition.js'
import type { Settings } from '../inputs/settings.js'
import type { Check, CheckOutcome } from './check-result.js'

export type KeyAgeClass = 'ok' | 'warning' | 'expired'

export interface KeyAgeData {
  /** IAM user that owns the key (empty for the root user). */
  readonly userName: string
  /** The key id as shown to people: AKIA…last4. */
  readonly keyId: string
  readonly createDate: string
  /** Whole days since the key was created. */
  readonly ageDays: number
  readonly ageClass: KeyAgeClass
  /** Other active keys of the same user (CIS 1.13 wants at most one). */
  readonly otherActiveKeys: readonly { readonly keyId: string; readonly ageDays: number }[]
}

const DAY_MS = 86_400_000

/** Whole days between two instants, never negative (clock skew). */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS))
}

/** Older than warn → warning; older than max → expired (CIS 1.14; docs/architecture.md, "Key age"). */
export function classifyKeyAge(
  ageDays: number,
  settings: Pick<Settings, 'warnKeyAgeDays' | 'maxKeyAgeDays'>
): KeyAgeClass {
  if (ageDays > settings.maxKeyAgeDays) return 'expired'
  if (ageDays > settings.warnKeyAgeDays) return 'warning'
  return 'ok'
}

/**
 * The age of the stored long-lived key in use: `aws iam list-access-keys` for its owner, signed with that
 * key (no user name needed: IAM answers for the caller, so this starts at the same time as the others).
 */
export const keyAgeCheck: Check<KeyAgeData> = {
  name: 'key-age',
  action: 'iam:ListAccessKeys',
  resource: ownUserResource,
  signingKeyId: ({ obtained }) => (obtained.longLivedKey ?? obtained.credentials).accessKeyId,
  async run({ settings, obtained, now }): Promise<CheckOutcome<KeyAgeData>> {
    const key = obtained.longLivedKey
    if (key === undefined || isTemporaryKeyId(key.accessKeyId)) {
      return { status: 'skipped', detail: 'temporary credentials: no long-lived key to rotate' }
    }
    const { client: iam, sdk } = await createIamClient(clientOptions(settings, key))
    const keys: AccessKeyMetadata[] = []
    let marker: string | undefined
    do {
      const page = await iam.send(new sdk.ListAccessKeysCommand({ Marker: marker }))
      keys.push(...(page.AccessKeyMetadata ?? []))
      marker = page.IsTruncated ? page.Marker : undefined
    } while (marker)

    const own = keys.find(k => k.AccessKeyId === key.accessKeyId)
    if (own?.CreateDate === undefined) {
      return {
        status: 'warn',
        detail: `IAM did not list ${formatKeyId(key.accessKeyId)} among the caller's keys, so its age is unknown`
      }
    }
    const ageDays = wholeDaysBetween(own.CreateDate, now)
    const ageClass = classifyKeyAge(ageDays, settings)
    const otherActiveKeys = keys
      .filter(k => k.Status === 'Active' && k.AccessKeyId !== key.accessKeyId && k.AccessKeyId !== undefined)
      .map(k => ({
        keyId: formatKeyId(k.AccessKeyId!),
        ageDays: k.CreateDate ? wholeDaysBetween(k.CreateDate, now) : 0
      }))
    const data: KeyAgeData = {
      userName: own.UserName ?? '',
      keyId: formatKeyId(key.accessKeyId),
      createDate: own.CreateDate.toISOString(),
      ageDays,
      ageClass,
      otherActiveKeys
    }
    const expiredFails = ageClass === 'expired' && settings.enforceKeyAge
    const status = expiredFails ? 'fail' : ageClass !== 'ok' || otherActiveKeys.length > 0 ? 'warn' : 'pass'
    const limits = `warn > ${settings.warnKeyAgeDays}, max ${settings.maxKeyAgeDays}`
    return { status, detail: `${data.keyId} is ${ageDays} days old (${ageClass}; ${limits})`, data }
  }
}
