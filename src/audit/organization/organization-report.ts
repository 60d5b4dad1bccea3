import { RULES, SEVERITIES, type Finding, type RuleId, type Severity, type Thresholds } from '../cis-rules.js'
import { sortFindings, type AuditReport, type AuditTotals } from '../audit-report.js'
import type { InventorySource } from '../key-record.js'

/** The organization audit's own rule: an account whose keys could not be read. */
export const NOT_AUDITED_RULE = 'account-not-audited'
export type OrganizationRuleId = RuleId | typeof NOT_AUDITED_RULE

/** High: an account nobody could look into can hide every other finding. */
export const NOT_AUDITED_SEVERITY: Severity = 'high'

/** `CIS 1.14` for the CIS rules, the rule's own name otherwise (account-not-audited). */
export function ruleLabel(rule: string): string {
  return rule in RULES ? `CIS ${RULES[rule as RuleId].cis}` : rule
}

/** A finding in some account of the organization. */
export interface OrganizationFinding extends Omit<Finding, 'rule'> {
  readonly rule: OrganizationRuleId
  /** The account's id (a hash of it with mask-aws-account-id). */
  readonly account: string
  readonly accountName: string
}

/** One account of the shard: how its audit went, and its totals when it was read. */
export interface AccountEntry {
  readonly id: string
  readonly name: string
  readonly status: 'audited' | 'not-audited'
  readonly source?: InventorySource
  /** Null when the account could not be audited. */
  readonly totals: AuditTotals | null
  /** Why the account could not be audited (the finding says the same, with the fix). */
  readonly reason?: string
}

/** The audited accounts' totals summed, with the accounts counted and the organization's own rule in byRule. */
export interface OrganizationTotals extends AuditTotals {
  readonly accounts: number
  readonly accountsNotAudited: number
  readonly byRule: Readonly<Record<OrganizationRuleId, number>>
}

/**
 * The organization audit's JSON report (report-path): one per shard, and the audit-merge sub-action's
 * merged one. `organization` and `thresholds` must agree between the shards of one run.
 */
export interface OrganizationReport {
  readonly scope: 'organization'
  readonly generatedAt: string
  /** The organization id (`o-…`), or `accounts of <caller account>` when audit-accounts lists ids. */
  readonly organization: string
  /** `i/n` for a shard's report; absent in a merged one. */
  readonly shard?: string
  /** Shards merged into this report (merged reports only). */
  readonly shards?: number
  /** Accounts listed for the whole organization, before sharding. */
  readonly accountsListed: number
  readonly thresholds: Thresholds
  readonly totals: OrganizationTotals
  /** Most findings first, then by id. */
  readonly accounts: readonly AccountEntry[]
  readonly findings: readonly OrganizationFinding[]
}

/** What the organization audit learned about one account. */
export type AccountResult =
  | { readonly id: string; readonly name: string; readonly report: AuditReport }
  | { readonly id: string; readonly name: string; readonly reason: string; readonly fix: string }

/** The finding for an account that could not be audited: the reason, then what to change. */
export function notAuditedFinding(
  id: string,
  name: string,
  reason: string,
  fix: string
): OrganizationFinding {
  return {
    account: id,
    accountName: name,
    user: '(account)',
    accessKeyId: '-',
    rule: NOT_AUDITED_RULE,
    severity: NOT_AUDITED_SEVERITY,
    ageDays: null,
    lastUsed: null,
    message: `Account ${id} (${name}) was not audited: ${reason} ${fix}`
  }
}

/** Most severe first, then oldest, then by account, user and key: stable across shards and merges. */
export function sortOrganizationFindings(findings: OrganizationFinding[]): OrganizationFinding[] {
  const order = (f: OrganizationFinding) => SEVERITIES.indexOf(f.severity)
  return findings.sort(
    (a, b) =>
      order(a) - order(b) ||
      (b.ageDays ?? -1) - (a.ageDays ?? -1) ||
      (a.account < b.account ? -1 : a.account > b.account ? 1 : 0) ||
      (a.user < b.user ? -1 : a.user > b.user ? 1 : 0) ||
      (a.accessKeyId < b.accessKeyId ? -1 : a.accessKeyId > b.accessKeyId ? 1 : 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  )
}

function findingsOf(entry: AccountEntry): number {
  return entry.totals?.findings ?? 1
}

/** Most findings first (an unaudited account counts one), then by id. */
export function sortAccounts(accounts: AccountEntry[]): AccountEntry[] {
  return accounts.sort((a, b) => findingsOf(b) - findingsOf(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Totals over the accounts and their findings. Pure. */
export function organizationTotals(
  accounts: readonly AccountEntry[],
  findings: readonly OrganizationFinding[]
): OrganizationTotals {
  const bySeverity = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<Severity, number>
  const rules = [...(Object.keys(RULES) as RuleId[]), NOT_AUDITED_RULE] as const
  const byRule = Object.fromEntries(rules.map(r => [r, 0])) as Record<OrganizationRuleId, number>
  for (const f of findings) {
    bySeverity[f.severity]++
    byRule[f.rule]++
  }
  const ages = new Map<string, number>()
  let users = 0
  let activeKeys = 0
  let inactiveKeys = 0
  for (const { totals } of accounts) {
    if (totals === null) continue
    users += totals.users
    activeKeys += totals.activeKeys
    inactiveKeys += totals.inactiveKeys
    for (const bucket of totals.activeKeyAges)
      ages.set(bucket.days, (ages.get(bucket.days) ?? 0) + bucket.keys)
  }
  return {
    accounts: accounts.length,
    accountsNotAudited: accounts.filter(a => a.status === 'not-audited').length,
    users,
    activeKeys,
    inactiveKeys,
    findings: findings.length,
    bySeverity,
    byRule,
    activeKeyAges: [...ages].map(([days, keys]) => ({ days, keys }))
  }
}

export interface OrganizationReportInput {
  readonly organization: string
  readonly shard: string
  readonly accountsListed: number
  readonly thresholds: Thresholds
  readonly now: Date
  readonly results: readonly AccountResult[]
}

/** One shard's report from its accounts' audits. Pure. */
export function buildOrganizationReport(input: OrganizationReportInput): OrganizationReport {
  const accounts: AccountEntry[] = []
  const findings: OrganizationFinding[] = []
  for (const result of input.results) {
    if ('report' in result) {
      accounts.push({
        id: result.id,
        name: result.name,
        status: 'audited',
        source: result.report.source,
        totals: result.report.totals
      })
      for (const f of sortFindings(result.report.findings)) {
        findings.push({ ...f, account: result.id, accountName: result.name })
      }
    } else {
      accounts.push({
        id: result.id,
        name: result.name,
        status: 'not-audited',
        totals: null,
        reason: result.reason
      })
      findings.push(notAuditedFinding(result.id, result.name, result.reason, result.fix))
    }
  }
  return {
    scope: 'organization',
    generatedAt: input.now.toISOString(),
    organization: input.organization,
    shard: input.shard,
    accountsListed: input.accountsListed,
    thresholds: input.thresholds,
    totals: organizationTotals(accounts, findings),
    accounts: sortAccounts(accounts),
    findings: sortOrganizationFindings(findings)
  }
}

export function isOrganizationReport(report: unknown): report is OrganizationReport {
  return (report as { scope?: unknown } | null)?.scope === 'organization'
}
