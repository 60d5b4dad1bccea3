import type { IamApi } from '../aws/clients.js'
import { callIam, IamCallError } from './iam-call-error.js'

/** Time, injected so tests never wait. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export interface CredentialReportOptions {
  readonly clock: Clock
  /** Give up waiting for AWS to finish the report after this long. */
  readonly timeoutMs: number
}

export interface CredentialReport {
  readonly csv: string
  /** When AWS generated it: a report is reused for up to four hours, so "last used" can lag. */
  readonly generatedAt?: Date
}

/** The report is not ready yet, or was dropped between the two calls: generate and ask again. */
const NOT_READY = new Set(['ReportInProgress', 'ReportNotPresent', 'ReportExpired'])

const FIRST_WAIT_MS = 500
const LONGEST_WAIT_MS = 8_000

/** The credential report did not become ready in time (not a denial: there is no point falling back). */
export class CredentialReportTimeout extends Error {
  constructor(waitedMs: number, state: string) {
    super(
      `The IAM credential report was still ${state} after ${Math.round(waitedMs / 1000)} s. AWS generates it asynchronously; re-run the audit in a few minutes.`
    )
    this.name = 'CredentialReportTimeout'
  }
}

function errorName(error: unknown): string | undefined {
  const cause = error instanceof IamCallError ? error.cause : error
  return cause !== null && typeof cause === 'object' ? (cause as { name?: string }).name : undefined
}

/**
 * GenerateCredentialReport until AWS says COMPLETE (waiting 0.5, 1, 2, 4, 8, 8… s between calls), then
 * GetCredentialReport. A fresh or recent report is COMPLETE on the first call, so this is usually two
 * API calls however large the account. Errors (a denial included) are thrown as {@link IamCallError} for the caller to classify.
 */
export async function fetchCredentialReport(
  { client, sdk }: IamApi,
  { clock, timeoutMs }: CredentialReportOptions
): Promise<CredentialReport> {
  const started = clock.now()
  let wait = FIRST_WAIT_MS
  let state = 'not started'
  for (;;) {
    const generated = await callIam('iam:GenerateCredentialReport', () =>
      client.send(new sdk.GenerateCredentialReportCommand({}))
    )
    state = generated.State ?? 'unknown'
    if (state === 'COMPLETE') {
      try {
        const report = await callIam('iam:GetCredentialReport', () =>
          client.send(new sdk.GetCredentialReportCommand({}))
        )
        return {
          csv: Buffer.from(report.Content ?? new Uint8Array()).toString('utf8'),
          ...(report.GeneratedTime ? { generatedAt: report.GeneratedTime } : {})
        }
      } catch (error) {
        if (!NOT_READY.has(errorName(error) ?? '')) throw error
        state = errorName(error)!
      }
    }
    const waited = clock.now() - started
    if (waited + wait > timeoutMs) throw new CredentialReportTimeout(waited, state)
    await clock.sleep(wait)
    wait = Math.min(wait * 2, LONGEST_WAIT_MS)
  }
}
