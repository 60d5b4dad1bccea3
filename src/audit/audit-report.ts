import {
  RULES,
  SEVERITIES,
  wholeDays,
  type Finding,
  type RuleId,
  type Severity,
  type Thresholds
} from './cis-rules.js'
import type { InventorySource, KeyInventory } from './key-record.js'

/** How many active keys fall in one age range. */
export interface AgeBucket {
  /** Inclusive range of whole days, e.g. `31-60`, or `366+`. */
  readonly days: string
  readonly keys: number
}

export interface AuditTotals {
  /** IAM users in the account (the root user not counted). */
  readonly users: number
  readonly activeKeys: number
  /** Listed for completeness; the rules ignore them. */
  readonly inactiveKeys: number
  readonly findings: number
  readonly bySeverity: Readonly<Record<Severity, number>>
  readonly byRule: Readonly<Record<RuleId, number>>
  /** Ages of the active keys (the root user's included), for the histogram. */
  readonly activeKeyAges: readonly AgeBucket[]
}

/**
 * The account audit's JSON report (report-path), as documented in docs/account-audit.md. `findings` are sorted:
 * most severe first, then oldest key first.
 */
export interface AuditReport {
  /** When this audit ran (ISO 8601). */
  readonly generatedAt: string
  /** The audited account's id (a hash of it with mask-aws-account-id). */
  readonly account: string
  readonly source: InventorySource
  /** Why that source was used and what it could not see. */
  readonly sourceNotes: readonly string[]
  /** When the data was current: the credential report can be up to four hours old. */
  readonly dataAsOf: string
  readonly thresholds: Thresholds
  readonly totals: AuditTotals
  readonly findings: readonly Finding[]
}

/** Upper bounds (inclusive) of the histogram's ranges; the last range is open. */
const AGE_BOUNDS = [30, 60, 90, 180, 365] as const

function ageBuckets(ages: readonly number[]): AgeBucket[] {
  const counts = new Array<number>(AGE_BOUNDS.length + 1).fill(0)
  for (const age of ages) {
    const index = AGE_BOUNDS.findIndex(bound => age <= bound)
    counts[index === -1 ? AGE_BOUNDS.length : index]++
  }
  return counts.map((keys, i) => ({
    days:
      i === AGE_BOUNDS.length
        ? `${AGE_BOUNDS[i - 1] + 1}+`
        : `${i === 0 ? 0 : AGE_BOUNDS[i - 1] + 1}-${AGE_BOUNDS[i]}`,
    keys
  }))
}

/** Most severe first; within a severity the oldest key first; then by user and key, so it is stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      (b.ageDays ?? -1) - (a.ageDays ?? -1) ||
      a.user.localeCompare(b.user) ||
      a.accessKeyId.localeCompare(b.accessKeyId) ||
      a.rule.localeCompare(b.rule)
  )
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map(k => [k, 0])) as Record<K, number>
  for (const value of values) counts[value]++
  return counts
}

export interface ReportInput {
  readonly inventory: KeyInventory
  readonly findings: readonly Finding[]
  readonly account: string
  readonly thresholds: Thresholds
  readonly now: Date
}

/** The report model: totals, histogram and sorted findings. Pure. */
export function buildAuditReport({
  inventory,
  findings,
  account,
  thresholds,
  now
}: ReportInput): AuditReport {
  const active = inventory.keys.filter(k => k.active)
  return {
    generatedAt: now.toISOString(),
    account,
    source: inventory.source,
    sourceNotes: inventory.notes,
    dataAsOf: inventory.asOf.toISOString(),
    thresholds,
    totals: {
      users: inventory.users,
      activeKeys: active.length,
      inactiveKeys: inventory.keys.length - active.length,
      findings: findings.length,
      bySeverity: countBy(
        SEVERITIES,
        findings.map(f => f.severity)
      ),
      byRule: countBy(
        Object.keys(RULES) as RuleId[],
        findings.map(f => f.rule)
      ),
      activeKeyAges: ageBuckets(active.map(k => wholeDays(k.createdAt, now)))
    },
    findings: sortFindings(findings)
  }
}

/** The file written to report-path. */
export function serializeReport(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
