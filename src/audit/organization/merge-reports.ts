import { ActionError } from '../../runtime/action-error.js'
import {
  isOrganizationReport,
  organizationTotals,
  sortAccounts,
  sortOrganizationFindings,
  type AccountEntry,
  type OrganizationFinding,
  type OrganizationReport
} from './organization-report.js'

/** A shard report as read from its file. */
export interface ShardFile {
  readonly path: string
  readonly report: unknown
}

const SHARD = /^(\d+)\/(\d+)$/

function fail(problem: string, fix: string): never {
  throw new ActionError(`audit-merge cannot merge the shard reports: ${problem} ${fix}`)
}

/** `a.json (1/3), b.json (1/3)` */
const listFiles = (files: readonly { path: string; shard?: string }[]) =>
  files.map(f => (f.shard ? `${f.path} (${f.shard})` : f.path)).join(', ')

/**
 * Checks that the files are the complete set of shards of one organization audit: organization reports,
 * one organization, one set of thresholds, one shard count, every shard exactly once. Throws an
 * {@link ActionError} naming the files and shards at fault.
 */
export function checkShards(files: readonly ShardFile[]): { reports: OrganizationReport[]; count: number } {
  if (files.length === 0) {
    fail(
      'the reports input matched no files.',
      'Point reports at the directory the shard artifacts were downloaded to (actions/download-artifact), or a glob of their report files.'
    )
  }
  const foreign = files.filter(f => !isOrganizationReport(f.report) || typeof f.report.shard !== 'string')
  if (foreign.length > 0) {
    fail(
      `${listFiles(foreign)} ${foreign.length === 1 ? 'is not a shard report' : 'are not shard reports'} of an organization audit.`,
      'Give reports only the report-path files of audit-scope: organization runs.'
    )
  }
  const shards = files.map(f => ({
    path: f.path,
    report: f.report as OrganizationReport,
    shard: (f.report as OrganizationReport).shard!
  }))
  const [first] = shards
  const organizations = new Set(shards.map(s => s.report.organization))
  if (organizations.size > 1) {
    fail(
      `they come from different organizations (${[...organizations].join(', ')}): ${listFiles(shards.map(s => ({ path: s.path, shard: s.report.organization })))}.`,
      'Merge the shards of one organization audit run at a time (one artifact name prefix per run).'
    )
  }
  const thresholds = JSON.stringify(first!.report.thresholds)
  const differing = shards.filter(s => JSON.stringify(s.report.thresholds) !== thresholds)
  if (differing.length > 0) {
    fail(
      `${listFiles(differing)} used other thresholds than ${first!.path} (${thresholds}).`,
      'Give every shard job the same warn-key-age-days, max-key-age-days and unused-key-days.'
    )
  }
  const counts = new Set(shards.map(s => SHARD.exec(s.shard)?.[2]))
  if (counts.size > 1) {
    fail(
      `the shards split the organization differently: ${listFiles(shards)}.`,
      'Give every shard job the same n in audit-shard: i/n.'
    )
  }
  const count = Number([...counts][0])
  const byShard = new Map<string, typeof shards>()
  for (const s of shards) byShard.set(s.shard, [...(byShard.get(s.shard) ?? []), s])
  const duplicates = [...byShard.values()].filter(group => group.length > 1).flat()
  if (duplicates.length > 0) {
    fail(
      `shard(s) ${[...new Set(duplicates.map(d => d.shard))].join(', ')} appear more than once: ${listFiles(duplicates)}.`,
      "Download only the latest run's artifacts, and name each shard's artifact after its shard."
    )
  }
  const missing = Array.from({ length: count }, (_, i) => `${i + 1}/${count}`).filter(s => !byShard.has(s))
  if (missing.length > 0) {
    fail(
      `shard(s) ${missing.join(', ')} of ${count} are missing (found ${listFiles(shards)}).`,
      'Check that every matrix job of the audit uploaded its report (a failed shard uploads none: give its upload step if: always()), then re-run the failed jobs.'
    )
  }
  return { reports: shards.map(s => s.report), count }
}

/** One report for the whole organization from its complete set of shards. Pure. */
export function mergeShardReports(files: readonly ShardFile[], now: Date): OrganizationReport {
  const { reports, count } = checkShards(files)
  const accounts: AccountEntry[] = []
  const findings: OrganizationFinding[] = []
  for (const report of reports) {
    accounts.push(...report.accounts)
    for (const finding of report.findings) findings.push(finding)
  }
  const first = reports[0]!
  return {
    scope: 'organization',
    generatedAt: now.toISOString(),
    organization: first.organization,
    shards: count,
    accountsListed: Math.max(...reports.map(r => r.accountsListed)),
    thresholds: first.thresholds,
    totals: organizationTotals(accounts, findings),
    accounts: sortAccounts(accounts),
    findings: sortOrganizationFindings(findings)
  }
}
