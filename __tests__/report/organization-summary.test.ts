import { describe, expect, it } from '@jest/globals'
import type { OrganizationReport } from '../../src/audit/organization/organization-report.js'
import { organizationTotals } from '../../src/audit/organization/organization-report.js'
import { renderOrganizationSummary, scopeLabel } from '../../src/report/organization-summary.js'

const accounts = [
  { id: '200000000001', name: 'prod <eu>', status: 'not-audited' as const, totals: null },
  { id: '200000000002', name: 'dev', status: 'audited' as const, totals: null }
]
const report: OrganizationReport = {
  scope: 'organization',
  generatedAt: '2025-06-01T12:00:00.000Z',
  organization: 'o-abc123',
  shard: '2/3',
  accountsListed: 6,
  thresholds: { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 },
  totals: organizationTotals(accounts, []),
  accounts,
  findings: []
}

describe('organization-summary', () => {
  it('renders the scope, totals, the accounts escaped, no findings and the histogram as HTML', () => {
    const html = renderOrganizationSummary(report, 'org.json')
    expect(html).toMatch(/^<h2>Access key audit of organization o-abc123, shard 2\/3<\/h2>\n<p>2 of 6 ACTIVE/)
    expect(html).toContain('<td>200000000001</td><td>prod &lt;eu&gt;</td><td>❌ not audited</td>')
    expect(html).toContain('<p>✅ No findings.</p><h3>Age of active keys</h3>\n<pre><code>')
    // No active keys: an empty code element, which core.summary wrote as a bare opening tag.
    expect(html.endsWith('<pre><code></pre>\n')).toBe(true)
  })

  it('names a merged report by its shard count', () => {
    expect(scopeLabel({ ...report, shard: undefined, shards: 3 })).toBe('o-abc123, 3 shard(s) merged')
  })
})
