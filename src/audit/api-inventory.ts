import pLimit from 'p-limit'
import { formatKeyId } from '../aws/access-key-id.js'
import type { IamApi } from '../aws/clients.js'
import { diagnose } from '../aws/error-diagnosis.js'
import type { Clock } from './credential-report.js'
import { callIam, IamCallError } from './iam-call-error.js'
import type { KeyRecord } from './key-record.js'

export interface ApiInventoryOptions {
  readonly clock: Clock
  /** Users read at once. IAM's request quota is account-wide, so this stays small. */
  readonly concurrency: number
  /** For classifying errors (the diagnosis wants them; IAM itself is global). */
  readonly region: string
  readonly maxAttempts: number
}

/** The account's keys as the IAM API lists them. */
export interface ApiInventory {
  readonly users: number
  readonly keys: KeyRecord[]
  /** From GetAccountSummary; undefined when that could not be read (it is optional). */
  readonly rootAccessKeysPresent?: boolean
  /** Calls still throttled after the SDK's own retries (each one slowed the audit down). */
  readonly throttled: number
  /** The lowest concurrency the audit slowed to (the starting one when IAM never throttled it). */
  readonly lowestConcurrency: number
  /** API calls made, for the summary and the benchmark. */
  readonly calls: number
}

/** The actions this path needs. */
export const API_ACTIONS = ['iam:ListUsers', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'] as const

/** Extra tries of one user after the SDK gave up on throttling; each halves the concurrency first. */
const THROTTLE_RETRIES = 4
const THROTTLE_PAUSE_MS = 1_000
/** Users read without a throttle before the concurrency grows back by one (towards its start). */
const RECOVERY_STREAK = 20

function causeName(error: unknown): string | undefined {
  const cause = error instanceof IamCallError ? error.cause : error
  return cause !== null && typeof cause === 'object' ? (cause as { name?: string }).name : undefined
}

/**
 * Reads every user's keys with ListUsers (all pages), then ListAccessKeys per user and
 * GetAccessKeyLastUsed per active key (the rules ignore inactive keys, so they are never looked up).
 * At most `concurrency` users are read at once, so the audit does not itself cause throttling. The SDK
 * retries each throttled call with backoff; a call throttled even so slows the whole audit down
 * (concurrency halves) and that user is read again after a pause. Concurrency grows back by one after
 * each run of calm reads, so a burst of throttling does not leave the rest of the audit serial
 * (additive increase, multiplicative decrease). Errors are {@link IamCallError}s.
 */
export async function readKeysViaApi(iam: IamApi, options: ApiInventoryOptions): Promise<ApiInventory> {
  const { client, sdk } = iam
  let calls = 0
  let throttled = 0
  const send = <T>(action: string, call: () => Promise<T>): Promise<T> => {
    calls++
    return callIam(action, call)
  }

  const userNames: string[] = []
  await callIam('iam:ListUsers', async () => {
    // pageSize 1000 is IAM's maximum: 10 calls for 10,000 users instead of 100.
    for await (const page of sdk.paginateListUsers({ client, pageSize: 1000 }, {})) {
      calls++
      for (const user of page.Users ?? []) if (user.UserName) userNames.push(user.UserName)
    }
  })

  const limit = pLimit(options.concurrency)
  const isThrottling = (error: unknown): boolean =>
    error instanceof IamCallError &&
    diagnose(error.cause, { action: error.action, region: options.region, maxAttempts: options.maxAttempts })
      .kind === 'throttled'

  let calmStreak = 0
  let lowestConcurrency = options.concurrency
  async function withThrottleBackoff<T>(task: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        const result = await task()
        if (limit.concurrency < options.concurrency && ++calmStreak >= RECOVERY_STREAK) {
          limit.concurrency++
          calmStreak = 0
        }
        return result
      } catch (error) {
        if (retry >= THROTTLE_RETRIES || !isThrottling(error)) throw error
        throttled++
        calmStreak = 0
        limit.concurrency = Math.max(1, Math.floor(limit.concurrency / 2))
        lowestConcurrency = Math.min(lowestConcurrency, limit.concurrency)
        await options.clock.sleep(THROTTLE_PAUSE_MS * 2 ** retry)
      }
    }
  }

  async function keysOf(user: string): Promise<KeyRecord[]> {
    let listed
    try {
      listed = await send('iam:ListAccessKeys', () =>
        client.send(new sdk.ListAccessKeysCommand({ UserName: user }))
      )
    } catch (error) {
      if (causeName(error) === 'NoSuchEntity') return [] // deleted since ListUsers
      throw error
    }
    const records: KeyRecord[] = []
    for (const key of listed.AccessKeyMetadata ?? []) {
      if (!key.AccessKeyId || !key.CreateDate) continue
      const active = key.Status === 'Active'
      let lastUsed: { at?: Date; service?: string } = {}
      if (active) {
        try {
          const used = await send('iam:GetAccessKeyLastUsed', () =>
            client.send(new sdk.GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }))
          )
          const at = used.AccessKeyLastUsed?.LastUsedDate
          const service = used.AccessKeyLastUsed?.ServiceName
          // Never-used keys come back with no date and N/A for the service.
          lastUsed = at ? { at, ...(service && service !== 'N/A' ? { service } : {}) } : {}
        } catch (error) {
          if (causeName(error) === 'NoSuchEntity') continue // deleted since ListAccessKeys
          throw error
        }
      }
      records.push({
        user,
        root: false,
        keyLabel: formatKeyId(key.AccessKeyId),
        active,
        createdAt: key.CreateDate,
        ...(lastUsed.at ? { lastUsedAt: lastUsed.at } : {}),
        ...(lastUsed.service ? { lastUsedService: lastUsed.service } : {})
      })
    }
    return records
  }

  // As many feeders as the starting concurrency pull users one by one, so only that many tasks wait in
  // the limiter: queueing every user at once (limit.map) kept a closure and a promise per user alive
  // for the whole audit, 10,000 of them on a large account.
  const perUser = new Array<KeyRecord[]>(userNames.length)
  let nextUser = 0
  const feed = async (): Promise<void> => {
    while (nextUser < userNames.length) {
      const index = nextUser++
      perUser[index] = await limit(() => withThrottleBackoff(() => keysOf(userNames[index]!)))
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, feed))
  const rootAccessKeysPresent = await readRootKeysPresent(send, iam)
  return {
    users: userNames.length,
    keys: perUser.flat(),
    ...(rootAccessKeysPresent === undefined ? {} : { rootAccessKeysPresent }),
    throttled,
    lowestConcurrency,
    calls
  }
}

/**
 * ListAccessKeys cannot list the root user's keys, but the account summary counts them. Optional: when
 * it fails (typically iam:GetAccountSummary is not allowed) the root rule is reported as not checked.
 */
async function readRootKeysPresent(
  send: <T>(action: string, call: () => Promise<T>) => Promise<T>,
  { client, sdk }: IamApi
): Promise<boolean | undefined> {
  try {
    const summary = await send('iam:GetAccountSummary', () =>
      client.send(new sdk.GetAccountSummaryCommand({}))
    )
    const present = summary.SummaryMap?.AccountAccessKeysPresent
    return present === undefined ? undefined : present > 0
  } catch {
    return undefined
  }
}
