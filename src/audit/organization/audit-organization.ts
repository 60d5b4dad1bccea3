import * as core from '@actions/core'
import pLimit from 'p-limit'
import type { OrganizationSettings } from '../../inputs/organization-inputs.js'
import type { AwsCredentials, ObtainedCredentials } from '../../auth/credentials.js'
import type { IdentityData } from '../../checks/identity.js'
import { clientOptions, createOrganizationsClient, type ClientSettings } from '../../aws/clients.js'
import { ActionError } from '../../runtime/action-error.js'
import { accountLabel, redactAccountId } from '../../runtime/masking.js'
import {
  readAccountReport,
  defaultAuditDependencies,
  type AccountReportSettings,
  type AuditDependencies
} from '../audit-account.js'
import { auditFailure, type AuditOutcome } from '../audit-outcome.js'
import { assumeAuditRole, AuditRoleError } from './assume-audit-role.js'
import { listActiveAccounts, type AccountListing, type OrganizationAccount } from './list-accounts.js'
import {
  buildOrganizationReport,
  type AccountResult,
  type OrganizationReport
} from './organization-report.js'
import { formatShard, selectShard } from './shard.js'

/** The seams of the organization audit; tests replace them. */
export interface OrganizationDependencies extends Pick<AuditDependencies, 'createIam' | 'clock'> {
  readonly createOrganizations: typeof createOrganizationsClient
  readonly assumeRole: typeof assumeAuditRole
}

/** The organization audit's inputs: the account report's and the organization's. */
export type OrganizationAuditSettings = AccountReportSettings & OrganizationSettings

const defaults: OrganizationDependencies = {
  ...defaultAuditDependencies,
  createOrganizations: createOrganizationsClient,
  assumeRole: assumeAuditRole
}

/** The accounts to audit: ListAccounts (all pages), or the ids audit-accounts names. */
async function listAccounts(
  settings: ClientSettings & Pick<OrganizationSettings, 'auditAccounts'>,
  caller: AwsCredentials,
  identity: IdentityData,
  deps: OrganizationDependencies
): Promise<AccountListing> {
  if (settings.auditAccounts !== 'all') {
    return {
      organization: `accounts of ${identity.account}`,
      accounts: settings.auditAccounts.map(id => ({ id, name: id })),
      inactive: 0,
      calls: 0
    }
  }
  const api = await deps.createOrganizations(clientOptions(settings, caller))
  const listing = await listActiveAccounts(api, {
    region: settings.region,
    maxAttempts: settings.retryMaxAttempts
  })
  core.info(
    `Listed ${listing.accounts.length} ACTIVE accounts of ${listing.organization} with ${listing.calls} ListAccounts call(s)${listing.inactive > 0 ? ` (${listing.inactive} suspended or closed, skipped)` : ''}.`
  )
  return listing
}

/**
 * One account: the caller's own with the caller's credentials (the management account usually has no
 * audit role, and needs none), any other through the audit role; then the account audit. Never throws:
 * an account that cannot be assumed or read becomes an `account-not-audited` result.
 */
async function auditMember(
  settings: AccountReportSettings & Pick<OrganizationSettings, 'auditRoleName'>,
  obtained: ObtainedCredentials,
  identity: IdentityData,
  account: OrganizationAccount,
  now: Date,
  deps: OrganizationDependencies
): Promise<AccountResult> {
  const id = accountLabel(settings, account.id)
  const name = settings.maskAccountId ? id : account.name
  const redact = (text: string) =>
    redactAccountId(settings, identity.account)(redactAccountId(settings, account.id)(text))
  try {
    const credentials =
      account.id === identity.account
        ? obtained.credentials
        : await deps.assumeRole(settings, obtained.credentials, identity.arn, account.id)
    const report = await readAccountReport(settings, credentials, account.id, now, deps)
    core.info(`Account ${id} (${name}): ${report.totals.findings} finding(s).`)
    return { id, name, report }
  } catch (error) {
    if (error instanceof Error && error.stack) core.debug(error.stack)
    const [reason, fix] =
      error instanceof AuditRoleError
        ? [error.reason, error.fix]
        : error instanceof ActionError
          ? [error.message, '']
          : [`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}.`, '']
    core.info(`Account ${id} (${name}) was not audited: ${redact(reason)}`)
    return { id, name, reason: redact(reason), fix: redact(fix) }
  }
}

/**
 * The organization audit (audit-scope: organization): lists the accounts, keeps this job's shard, audits
 * `audit-concurrency` accounts at once (a slow account holds only its own slot), sets findings-count and
 * writes the job summary (main writes the report). Never throws: a failure is returned for the verdict.
 */
export async function auditOrganization(
  settings: OrganizationAuditSettings,
  obtained: ObtainedCredentials,
  identity: IdentityData,
  now: Date,
  dependencies: Partial<OrganizationDependencies> = {}
): Promise<AuditOutcome> {
  const deps = { ...defaults, ...dependencies }
  const shard = formatShard(settings.auditShard)
  let report: OrganizationReport
  try {
    const listing = await listAccounts(settings, obtained.credentials, identity, deps)
    const accounts = selectShard(listing.accounts, settings.auditShard)
    core.info(
      `Shard ${shard}: auditing ${accounts.length} of ${listing.accounts.length} accounts, ${settings.auditConcurrency} at a time.`
    )
    const limit = pLimit(settings.auditConcurrency)
    const results = await limit.map(accounts, account =>
      auditMember(settings, obtained, identity, account, now, deps)
    )
    report = buildOrganizationReport({
      organization: listing.organization,
      shard,
      accountsListed: listing.accounts.length,
      thresholds: {
        warnKeyAgeDays: settings.warnKeyAgeDays,
        maxKeyAgeDays: settings.maxKeyAgeDays,
        unusedKeyDays: settings.unusedKeyDays
      },
      now,
      results
    })
  } catch (error) {
    return auditFailure('organization audit', error)
  }
  core.info(
    `Organization audit, shard ${shard}: ${report.totals.findings} finding(s) in ${report.totals.accounts} account(s), ${report.totals.accountsNotAudited} not audited.`
  )
  return { report, warnings: [] }
}
