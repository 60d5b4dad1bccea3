import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'
import type { OrganizationReport } from '../../src/audit/organization/organization-report.js'
import { organizationTotals } from '../../src/audit/organization/organization-report.js'
import { auditReportWith } from '../../__fixtures__/audit-report.js'

jest.unstable_mockModule('@actions/core', () => core)
const { publishAudit } = await import('../../src/effects/publish-audit.js')

const settings = { reportPath: undefined, openIssue: true, githubToken: 'ghs_token' }
const syncIssue = jest.fn(async () => undefined as string | undefined)

const organizationReport: OrganizationReport = {
  scope: 'organization',
  generatedAt: '2025-06-01T12:00:00.000Z',
  organization: 'o-abc123',
  shard: '1/1',
  accountsListed: 0,
  thresholds: { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 },
  totals: organizationTotals([], []),
  accounts: [],
  findings: []
}

describe('publish-audit', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
    process.env.GITHUB_STEP_SUMMARY = '/runner/summary'
  })

  it("sets findings-count and writes the organization's summary, but opens no issue for a shard", async () => {
    const outcome = { report: organizationReport, warnings: [] }
    expect(await publishAudit(settings, outcome, syncIssue)).toBe(outcome)
    expect(core.setOutput).toHaveBeenCalledWith('findings-count', '0')
    expect(core.summary.addRaw).toHaveBeenCalledWith(
      expect.stringContaining('<h2>Access key audit of organization o-abc123, shard 1/1</h2>')
    )
    expect(core.summary.write).toHaveBeenCalled()
    expect(syncIssue).not.toHaveBeenCalled()
  })

  it("syncs the account's issue after its summary, keeping the outcome's warnings", async () => {
    const report = auditReportWith([])
    syncIssue.mockResolvedValueOnce('Could not update the audit issue: HTTP 403')
    const published = await publishAudit(settings, { report, warnings: ['earlier'] }, syncIssue)
    expect(syncIssue).toHaveBeenCalledWith(settings, report)
    expect(published.warnings).toEqual(['earlier', 'Could not update the audit issue: HTTP 403'])
    expect(core.summary.write.mock.invocationCallOrder[0]).toBeLessThan(
      syncIssue.mock.invocationCallOrder[0]!
    )
  })

  it('sets, writes and syncs nothing for an audit that could not read the keys', async () => {
    const failed = { failure: 'The credential report was denied', warnings: [] }
    expect(await publishAudit(settings, failed, syncIssue)).toBe(failed)
    expect(core.setOutput).not.toHaveBeenCalled()
    expect(core.summary.write).not.toHaveBeenCalled()
    expect(syncIssue).not.toHaveBeenCalled()
  })
})
