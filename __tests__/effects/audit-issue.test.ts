import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import nock from 'nock'
import * as core from '../../__fixtures__/core.js'
import type { AuditReport } from '../../src/audit/audit-report.js'
import type { Finding } from '../../src/audit/cis-rules.js'
import { auditReportWith } from '../../__fixtures__/audit-report.js'

// @actions/github reads these when it is first imported: set them before anything imports it.
const API = 'http://127.0.0.1:4010'
process.env.GITHUB_API_URL = API
process.env.GITHUB_SERVER_URL = 'https://github.example'
process.env.GITHUB_REPOSITORY = 'octo-org/security'
process.env.GITHUB_RUN_ID = '4242'

jest.unstable_mockModule('@actions/core', () => core)
const github = await import('@actions/github')
const { upsertAuditIssue, syncAuditIssue, AUDIT_LABEL } = await import('../../src/effects/audit-issue.js')
const { issueMarker } = await import('../../src/report/audit-issue-body.js')

const repository = { owner: 'octo-org', repo: 'security' }
const RUN_URL = 'https://github.example/octo-org/security/actions/runs/4242'
const MARKER = issueMarker('123456789012')
const finding: Finding = {
  user: 'stale',
  accessKeyId: 'key 1',
  rule: 'cis-1.14-key-expired',
  severity: 'high',
  ageDays: 100,
  lastUsed: '2025-04-02T12:00:00.000Z',
  message: 'Access key 1 of IAM user stale is 100 days old. Rotate it.'
}

const report = (findings: Finding[]): AuditReport => auditReportWith(findings)

interface Issue {
  number: number
  state: 'open' | 'closed'
  body: string
  html_url?: string
  pull_request?: object
}

function issue(number: number, state: 'open' | 'closed', body = `${MARKER}\nold body`): Issue {
  return { number, state, body, html_url: `https://github.example/octo-org/security/issues/${number}` }
}

/** The search every run starts with: our label, open and closed. */
function listing(issues: Issue[]) {
  return nock(API)
    .get('/repos/octo-org/security/issues')
    .query({ labels: AUDIT_LABEL, state: 'all', per_page: '100' })
    .reply(200, issues)
}

const octokit = () => github.getOctokit('ghs_test_token')

describe('audit-issue', () => {
  beforeAll(() => {
    nock.disableNetConnect()
  })
  beforeEach(() => {
    core.reset()
    jest.clearAllMocks()
  })
  afterEach(() => {
    const pending = nock.pendingMocks()
    nock.cleanAll()
    expect(pending).toEqual([])
  })
  afterAll(() => {
    // Unpatch node's http for the next test file in this worker: a patched ClientRequest outlives this
    // file's module registry and breaks every later request (seen with nock 15.0.0).
    nock.restore()
    nock.enableNetConnect()
    // Unpatch node's net and http: the next test file in this worker gets real sockets again.
    nock.restore()
  })

  it('creates the issue, labelled and marked with the account, on the first findings', async () => {
    let created: Record<string, unknown> = {}
    listing([issue(3, 'open', 'someone else’s issue with our label')])
    nock(API)
      .post('/repos/octo-org/security/issues', body => {
        created = body
        return true
      })
      .matchHeader('authorization', 'token ghs_test_token')
      .reply(201, {
        number: 12,
        html_url: 'https://github.example/octo-org/security/issues/12',
        labels: [{ name: AUDIT_LABEL }]
      })
    const change = await upsertAuditIssue(octokit(), repository, report([finding]), RUN_URL)
    expect(change).toEqual({
      action: 'created',
      number: 12,
      url: 'https://github.example/octo-org/security/issues/12'
    })
    expect(created.title).toBe('AWS access key audit: 1 finding(s) in account 123456789012')
    expect(created.labels).toEqual([AUDIT_LABEL])
    expect(String(created.body).startsWith(MARKER)).toBe(true)
    expect(created.body).toContain('| high | CIS 1.14 | stale | key 1 | 100 | 2025-04-02 |')
    expect(created.body).toContain(`[this audit run](${RUN_URL})`)
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('warns when GitHub dropped the label, since the next audit could not find the issue', async () => {
    listing([])
    nock(API).post('/repos/octo-org/security/issues').reply(201, { number: 13, html_url: 'u', labels: [] })
    await upsertAuditIssue(octokit(), repository, report([finding]), RUN_URL)
    expect(core.warning).toHaveBeenCalledWith(
      expect.stringContaining("created without the 'aws-key-audit' label")
    )
  })

  it('updates the open issue of this account, not another account’s or a pull request', async () => {
    let patch: Record<string, unknown> = {}
    listing([
      { ...issue(5, 'open', `${issueMarker('210987654321')}\nother account`) },
      { ...issue(6, 'open'), pull_request: {} },
      issue(7, 'open')
    ])
    nock(API)
      .patch('/repos/octo-org/security/issues/7', body => {
        patch = body
        return true
      })
      .reply(200, {})
    const change = await upsertAuditIssue(octokit(), repository, report([finding]), RUN_URL)
    expect(change).toMatchObject({ action: 'updated', number: 7 })
    expect(patch.state).toBeUndefined()
    expect(patch.title).toBe('AWS access key audit: 1 finding(s) in account 123456789012')
    expect(String(patch.body)).toContain(MARKER)
  })

  it('reopens the closed issue, with a comment, when findings come back', async () => {
    listing([issue(7, 'closed')])
    nock(API)
      .patch(
        '/repos/octo-org/security/issues/7',
        body => body.state === 'open' && String(body.body).includes(MARKER)
      )
      .reply(200, {})
    nock(API)
      .post('/repos/octo-org/security/issues/7/comments', body =>
        String(body.body).startsWith('Findings are back')
      )
      .reply(201, {})
    const change = await upsertAuditIssue(octokit(), repository, report([finding]), RUN_URL)
    expect(change).toMatchObject({ action: 'reopened', number: 7 })
  })

  it('closes the open issue with a comment when an audit is clean', async () => {
    listing([issue(7, 'open')])
    let comment = ''
    nock(API)
      .post('/repos/octo-org/security/issues/7/comments', body => {
        comment = String(body.body)
        return true
      })
      .reply(201, {})
    nock(API)
      .patch('/repos/octo-org/security/issues/7', { state: 'closed', state_reason: 'completed' })
      .reply(200, {})
    const change = await upsertAuditIssue(octokit(), repository, report([]), RUN_URL)
    expect(change).toMatchObject({ action: 'closed', number: 7 })
    expect(comment).toBe(
      `The audit of 2025-06-01 ([run](${RUN_URL})) found no access key findings in account 123456789012. Closing.`
    )
  })

  it('changes nothing when an audit is clean and no issue is open', async () => {
    listing([issue(7, 'closed')])
    expect(await upsertAuditIssue(octokit(), repository, report([]), RUN_URL)).toEqual({ action: 'none' })
  })

  it('finds the issue on a later page of results', async () => {
    const others = Array.from({ length: 100 }, (_, i) => issue(100 + i, 'closed', 'unrelated'))
    nock(API)
      .get('/repos/octo-org/security/issues')
      .query({ labels: AUDIT_LABEL, state: 'all', per_page: '100' })
      .reply(200, others, {
        link: `<${API}/repos/octo-org/security/issues?labels=${AUDIT_LABEL}&state=all&per_page=100&page=2>; rel="next"`
      })
    nock(API)
      .get('/repos/octo-org/security/issues')
      .query({ labels: AUDIT_LABEL, state: 'all', per_page: '100', page: '2' })
      .reply(200, [issue(7, 'open')])
    nock(API).patch('/repos/octo-org/security/issues/7').reply(200, {})
    expect(await upsertAuditIssue(octokit(), repository, report([finding]), RUN_URL)).toMatchObject({
      action: 'updated',
      number: 7
    })
  })

  describe('syncAuditIssue', () => {
    const settings = { githubToken: 'ghs_test_token' }

    it('uses the workflow’s repository and run, and logs the change', async () => {
      listing([])
      nock(API)
        .post('/repos/octo-org/security/issues', body =>
          String(body.body).includes(`[this audit run](${RUN_URL})`)
        )
        .reply(201, {
          number: 12,
          html_url: 'https://github.example/octo-org/security/issues/12',
          labels: [AUDIT_LABEL]
        })
      expect(await syncAuditIssue(settings, report([finding]))).toBeUndefined()
      expect(core.info).toHaveBeenCalledWith(
        'Audit issue #12 created: https://github.example/octo-org/security/issues/12'
      )
    })

    it.each([
      [403, 'give the job `permissions: issues: write`'],
      [410, 'issues are disabled in this repository'],
      [401, 'GitHub rejected github-token']
    ])('turns HTTP %i into a warning that says what to change, never a failure', async (status, advice) => {
      listing([issue(7, 'open')])
      nock(API).patch('/repos/octo-org/security/issues/7').reply(status, { message: 'nope' })
      const warning = await syncAuditIssue(settings, report([finding]))
      expect(warning).toContain("Could not update the audit's GitHub issue")
      expect(warning).toContain(advice)
      expect(warning).toContain('The audit itself completed')
    })
  })
})
