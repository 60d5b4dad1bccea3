import { ActionError } from '../runtime/action-error.js'
import type { IamApi } from '../aws/clients.js'
import { diagnose } from '../aws/error-diagnosis.js'
import type { PolicyStatement } from '../checks/check-result.js'
import { API_ACTIONS, readKeysViaApi } from './api-inventory.js'
import { fetchCredentialReport, type Clock } from './credential-report.js'
import { IamCallError } from './iam-call-error.js'
import type { KeyInventory } from './key-record.js'
import { parseCredentialReport } from './report-csv.js'

export interface InventoryOptions {
  readonly clock: Clock
  readonly now: () => Date
  readonly region: string
  readonly maxAttempts: number
  /** How long to wait for AWS to generate the credential report. */
  readonly reportTimeoutMs: number
  /** Users read at once on the IAM API path. */
  readonly concurrency: number
}

const REPORT_ACTIONS = ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'] as const

/** The least privilege for each way of reading the keys, printed when both are denied. */
export const REPORT_STATEMENT: PolicyStatement = { Effect: 'Allow', Action: REPORT_ACTIONS, Resource: '*' }
export const API_STATEMENT: PolicyStatement = { Effect: 'Allow', Action: API_ACTIONS, Resource: '*' }

/** A denied call, or anything else: the diagnosis says which and how to act on it. */
function classify(error: unknown, options: InventoryOptions): { denied: boolean; message: string } {
  if (!(error instanceof IamCallError)) {
    return { denied: false, message: error instanceof Error ? error.message : String(error) }
  }
  const diagnosis = diagnose(error.cause, {
    action: error.action,
    region: options.region,
    maxAttempts: options.maxAttempts
  })
  return { denied: diagnosis.kind === 'access-denied', message: diagnosis.message }
}

function isoDay(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * Reads every access key in the account: the credential report when allowed (two to five calls for any
 * number of users), otherwise the IAM API. Throws an {@link ActionError} saying what to allow when both
 * are denied, and one with the diagnosis for any other failure (no fallback: it would fail the same way).
 */
export async function collectInventory(iam: IamApi, options: InventoryOptions): Promise<KeyInventory> {
  let reportDenial: string
  try {
    const report = await fetchCredentialReport(iam, {
      clock: options.clock,
      timeoutMs: options.reportTimeoutMs
    })
    const parsed = parseCredentialReport(report.csv)
    const asOf = report.generatedAt ?? options.now()
    return {
      source: 'credential-report',
      users: parsed.users,
      keys: parsed.keys,
      asOf,
      notes: [
        `IAM credential report generated ${isoDay(asOf)} (AWS reuses a report for up to 4 hours, so a key used since then can show an older last use).`
      ]
    }
  } catch (error) {
    const { denied, message } = classify(error, options)
    if (!denied)
      throw new ActionError(`The account audit could not read the IAM credential report. ${message}`)
    reportDenial = message
  }

  const started = options.now()
  try {
    const api = await readKeysViaApi(iam, options)
    return {
      source: 'iam-api',
      users: api.users,
      keys: api.keys,
      ...(api.rootAccessKeysPresent === undefined
        ? {}
        : { rootAccessKeysPresent: api.rootAccessKeysPresent }),
      asOf: started,
      notes: [
        `Read with the IAM API (${api.calls} calls) because the credential report was denied: ${reportDenial}. Allow ${REPORT_ACTIONS.join(' and ')} to audit with 2 calls instead.`,
        api.rootAccessKeysPresent === undefined
          ? 'Root user access keys were not checked: the IAM API lists them only in GetAccountSummary, which could not be read (allow iam:GetAccountSummary, or the credential report).'
          : 'Root user access keys were checked with GetAccountSummary.',
        ...(api.throttled > 0
          ? [
              `IAM throttled ${api.throttled} call(s) beyond the SDK's retries; the audit slowed down to ${api.lowestConcurrency} user(s) at a time, then sped up again.`
            ]
          : [])
      ]
    }
  } catch (error) {
    const { denied, message } = classify(error, options)
    if (!denied) {
      throw new ActionError(
        `The account audit could not read the account's keys with the IAM API (the credential report was denied: ${reportDenial}). ${message}`
      )
    }
    throw new ActionError(
      `The account audit could not read the account's access keys. The credential report was denied (${reportDenial}) and so was the IAM API fallback (${message}). Allow one of them for the identity the audit runs as: the credential report, 2 calls for any number of users: ${JSON.stringify(REPORT_STATEMENT)}; or the IAM API, about 2 calls per user: ${JSON.stringify(API_STATEMENT)}.`
    )
  }
}
