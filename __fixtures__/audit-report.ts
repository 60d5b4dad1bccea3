import type { AuditReport, AuditTotals } from '../src/audit/audit-report.js'
import { RULES, SEVERITIES, type Finding, type RuleId } from '../src/audit/cis-rules.js'

type Overrides = Omit<Partial<AuditReport>, 'totals'> & { totals?: Partial<AuditTotals> }

/**
 * A report around the given findings for rendering tests: totals counted from the findings, fixed
 * dates and thresholds; a test overrides what it is about.
 */
export function auditReportWith(findings: Finding[], overrides: Overrides = {}): AuditReport {
  const count = <K extends string>(keys: readonly K[], of: (finding: Finding) => K) =>
    Object.fromEntries(keys.map(key => [key, findings.filter(f => of(f) === key).length])) as Record<
      K,
      number
    >
  const { totals, ...report } = overrides
  return {
    generatedAt: '2025-06-01T12:00:00.000Z',
    account: '123456789012',
    source: 'credential-report',
    sourceNotes: [],
    dataAsOf: '2025-06-01T11:00:00.000Z',
    thresholds: { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 },
    ...report,
    totals: {
      users: 3,
      activeKeys: 3,
      inactiveKeys: 0,
      findings: findings.length,
      bySeverity: count(SEVERITIES, f => f.severity),
      byRule: count(Object.keys(RULES) as RuleId[], f => f.rule),
      activeKeyAges: [],
      ...totals
    },
    findings
  }
}
