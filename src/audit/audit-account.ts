import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Settings } from '../inputs/settings.js'
import type { AwsCredentials, ObtainedCredentials } from '../auth/credentials.js'
import { createIamClient, clientOptions, type ClientSettings } from '../aws/clients.js'
import { accountLabel, redactAccountId, type MaskSettings } from '../runtime/masking.js'
import { evaluateKeys } from './cis-rules.js'
import { collectInventory } from './collect-inventory.js'
import type { Clock } from './credential-report.js'
import { buildAuditReport, type AuditReport } from './audit-report.js'
import { auditFailure, type AuditOutcome } from './audit-outcome.js'

/** The seams: the IAM client and time. Tests replace them. */
export interface AuditDependencies {
  readonly createIam: typeof createIamClient
  readonly clock: Clock
}

export const defaultAuditDependencies: AuditDependencies = {
  createIam: createIamClient,
  clock: { now: () => Date.now(), sleep: ms => sleep(ms) }
}

/** What reading one account's keys reads: how to reach IAM, mask-aws-account-id and the thresholds. */
export type AccountReportSettings = ClientSettings &
  MaskSettings &
  Pick<Settings, 'warnKeyAgeDays' | 'maxKeyAgeDays' | 'unusedKeyDays'>

/** The account audit's inputs: the report's. Where its results go, the pipeline's effects read. */
export type AccountAuditSettings = AccountReportSettings

/** Long enough for AWS to generate a report for a large account; short of a stuck job. */
const REPORT_TIMEOUT_MS = 180_000
/** Users read at once on the IAM API fallback: well under IAM's account-wide request rate. */
const API_CONCURRENCY = 8

/**
 * Reads one account's keys as `credentials` and judges them: the credential report, else the IAM API
 * fallback; no effects beyond log lines. The account audit below and the organization audit (once per
 * member account) both call it. Throws an {@link ActionError} saying what to allow when the keys cannot
 * be read.
 */
export async function readAccountReport(
  settings: AccountReportSettings,
  credentials: AwsCredentials,
  accountId: string,
  now: Date,
  deps: Pick<AuditDependencies, 'createIam' | 'clock'>
): Promise<AuditReport> {
  const account = accountLabel(settings, accountId)
  const redact = redactAccountId(settings, accountId)
  const iam = await deps.createIam(clientOptions(settings, credentials))
  const read = await collectInventory(iam, {
    clock: deps.clock,
    now: () => now,
    region: settings.region,
    maxAttempts: settings.retryMaxAttempts,
    reportTimeoutMs: REPORT_TIMEOUT_MS,
    concurrency: API_CONCURRENCY
  })
  // AWS's denial messages name the caller's ARN; the report and summary are files, which no mask covers.
  const inventory = { ...read, notes: read.notes.map(redact) }
  core.info(
    `Read ${inventory.keys.length} access keys of ${inventory.users} users in ${account} from the ${inventory.source === 'credential-report' ? 'IAM credential report' : 'IAM API'}.`
  )
  for (const note of inventory.notes) core.info(note)
  const thresholds = {
    warnKeyAgeDays: settings.warnKeyAgeDays,
    maxKeyAgeDays: settings.maxKeyAgeDays,
    unusedKeyDays: settings.unusedKeyDays
  }
  return buildAuditReport({
    inventory,
    findings: evaluateKeys(inventory, thresholds, now),
    account,
    thresholds,
    now
  })
}

/**
 * The audit itself, loaded by {@link runAudit} only for audit-scope: account: reads every access key and
 * applies the CIS rules. Returns the report; the pipeline sets findings-count, writes it and the job
 * summary and syncs the GitHub issue (effects/publish-audit.ts). Never throws: a failure is returned for
 * the verdict.
 */
export async function auditAccount(
  settings: AccountAuditSettings,
  obtained: ObtainedCredentials,
  accountId: string,
  now: Date,
  dependencies: Partial<AuditDependencies> = {}
): Promise<AuditOutcome> {
  const deps = { ...defaultAuditDependencies, ...dependencies }
  let report: AuditReport
  try {
    report = await readAccountReport(settings, obtained.credentials, accountId, now, deps)
  } catch (error) {
    return auditFailure('account audit', error)
  }

  core.info(`Account audit: ${report.totals.findings} finding(s).`)
  return { report, warnings: [] }
}
