// The account audit (audit-scope: account) through the bundle, against the signature-checking fake:
// both ways of reading the keys, findings exact against the seed, the report file, and open-issue
// against a local GitHub API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { loadSeed, seedKey, type Seed } from '../../test/fake-aws/index.js'
import { startFakeGithub, type FakeGithub } from '../../test/fake-github/issues-server.js'

import {
  assertNoSecretLeaks,
  FAKE_GITHUB_TOKEN,
  REPO_ROOT,
  runMain,
  type RunResult
} from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const ACCOUNT = '123456789012'

/** The default seed plus a user allowed only the API fallback (no credential report). */
function auditSeed(): Seed {
  const seed = loadSeed()
  seed.users.push({
    name: 'key-auditor',
    createdDaysAgo: 30,
    allowedActions: [
      'sts:GetCallerIdentity',
      'iam:ListUsers',
      'iam:ListAccessKeys',
      'iam:GetAccessKeyLastUsed',
      'iam:GetAccountSummary'
    ],
    accessKeys: [
      {
        id: 'AKIAKEYAUDITOR000001',
        secret: 'kqPv7y3FZb0dW9sT1mX4nR6cJ2hL8aE5gU0oQiYz',
        status: 'Active',
        createdDaysAgo: 5,
        lastUsed: { daysAgo: 0, region: 'us-east-1', service: 'iam' }
      }
    ]
  })
  return seed
}

const seed = auditSeed()
const { fake, tokens } = useFakeAws(seed, { oidc: true })

async function audit(
  user: string,
  extra: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<RunResult> {
  const key = seedKey(seed, user)
  const result = await runMain({
    inputs: {
      'aws-region': 'us-east-1',
      'aws-access-key-id': key.id,
      'aws-secret-access-key': key.secret,
      'audit-scope': 'account',
      checks: 'identity',
      'report-path': 'key-audit.json',
      ...extra
    },
    env: { ...fake.env(), ...env }
  })
  // Every run: the secret appears nowhere before its ::add-mask::, and never in the summary or outputs.
  assertNoSecretLeaks(result, [key.secret])
  return result
}

interface ReportFinding {
  user: string
  accessKeyId: string
  rule: string
  severity: string
  ageDays: number | null
  lastUsed: string | null
  message: string
}

function report(result: RunResult) {
  return JSON.parse(readFileSync(join(result.job.workspace, 'key-audit.json'), 'utf8')) as {
    source: string
    sourceNotes: string[]
    account: string
    totals: { users: number; activeKeys: number; findings: number; bySeverity: Record<string, number> }
    findings: ReportFinding[]
  }
}

const brief = (f: ReportFinding) => [f.user, f.accessKeyId, f.rule, f.severity, f.ageDays]

/**
 * The seed's findings at the default thresholds (warn 75, max 90, unused 45): aging's 80-day key,
 * stale's 100-day key last used 60 days ago (two findings), and rotating's two active keys. Not:
 * admin (10 days), reader (20 days, never used: not yet past 45), ci-assumer (15), departed (inactive),
 * rotating's new key (2 days, never used), key-auditor (5).
 */
const SEED_FINDINGS = (keyId: (user: string, index?: number) => string) => [
  ['stale', keyId('stale'), 'cis-1.14-key-expired', 'high', 100],
  ['stale', keyId('stale'), 'cis-1.12-key-unused', 'medium', 100],
  ['aging', keyId('aging'), 'cis-1.14-key-aging', 'medium', 80],
  ['rotating', keyId('rotating'), 'cis-1.13-two-active-keys', 'low', 30]
]
const slot = () => 'key 1'
const masked = (user: string, index = 0) => {
  const id = seedKey(seed, user, index).id
  return `${id.slice(0, 4)}…${id.slice(-4)}`
}

describe('account audit via the credential report', () => {
  it('finds exactly the seeded problems in 4 API calls, fails, exports nothing, and writes the report', async () => {
    const result = await audit('admin')
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `The account audit of ${ACCOUNT} found 4 access key finding(s) (1 high, 2 medium, 1 low) among 8 active keys of 8 users`
    )
    expect(result.exportedEnv).toEqual({})
    expect(result.outputs['findings-count']).toBe('4')
    expect(result.outputs['report-path']).toBe(join(result.job.workspace, 'key-audit.json'))

    const written = report(result)
    expect(written.source).toBe('credential-report')
    expect(written.findings.map(brief)).toEqual(SEED_FINDINGS(slot))
    expect(written.totals).toMatchObject({ users: 8, activeKeys: 8, inactiveKeys: 1, findings: 4 })
    expect(result.warnings).toHaveLength(4)
    expect(result.warnings[0]).toMatch(
      /^Key audit \[high, CIS 1\.14\]: Access key 1 of IAM user stale is 100 days old/
    )

    // GetCallerIdentity, GenerateCredentialReport (STARTED), GenerateCredentialReport (COMPLETE), GetCredentialReport.
    expect(fake.requests.map(r => r.action)).toEqual([
      'GetCallerIdentity',
      'GenerateCredentialReport',
      'GenerateCredentialReport',
      'GetCredentialReport'
    ])
    expect(result.summary).toContain('Access key audit of account 123456789012')
    expect(result.summary).toContain('Age of active keys')
    assertNoSecretLeaks(result, [seedKey(seed, 'admin').secret])
  })

  it('reports without failing, and exports, with fail-on-findings: false', async () => {
    const result = await audit('admin', { 'fail-on-findings': 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['findings-count']).toBe('4')
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe(seedKey(seed, 'admin').id)
  })

  it('reports an active root key as critical, and passes a clean account', async () => {
    fake.account.root.accessKeys.push({
      id: 'AKIAROOTKEY000000001',
      secret: 'x'.repeat(40),
      status: 'Active',
      createDate: new Date(Date.now() - 400 * 86_400_000),
      userName: undefined
    })
    const withRoot = await audit('admin')
    expect(report(withRoot).findings[0]).toMatchObject({
      user: '<root_account>',
      accessKeyId: 'key 1',
      rule: 'cis-1.4-root-access-key',
      severity: 'critical',
      ageDays: 400,
      lastUsed: null
    })

    fake.reset()
    for (const user of fake.account.users) {
      for (const key of user.accessKeys) {
        key.createDate = new Date(Date.now() - 3 * 86_400_000)
        key.lastUsed = { date: new Date(), region: 'us-east-1', service: 's3' }
      }
      user.accessKeys.splice(1)
    }
    const clean = await audit('admin')
    expect(clean.exitCode).toBe(0)
    expect(clean.outputs['findings-count']).toBe('0')
    expect(clean.warnings).toEqual([])
    expect(clean.summary).toContain('No findings.')
  })

  it('honours the thresholds it is given', async () => {
    const result = await audit('admin', {
      'warn-key-age-days': '25',
      'max-key-age-days': '50',
      'unused-key-days': '10'
    })
    const rules = report(result).findings.map(f => `${f.user}:${f.rule}`)
    // warn 25, max 50, unused 10: aging (80) now expired, reader (20, never used) unused, rotating's
    // 30-day key aging; admin (10), ci-assumer (15, used yesterday) and key-auditor (5) still clean.
    expect(rules).toEqual([
      'stale:cis-1.14-key-expired',
      'aging:cis-1.14-key-expired',
      'stale:cis-1.12-key-unused',
      'rotating:cis-1.14-key-aging',
      'reader:cis-1.12-key-unused',
      'rotating:cis-1.13-two-active-keys'
    ])
  })
})

describe('account audit via the IAM API fallback', () => {
  it('falls back when the credential report is denied, with real key ids and the same findings', async () => {
    const result = await audit('key-auditor', { 'fail-on-findings': 'false' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const written = report(result)
    expect(written.source).toBe('iam-api')
    expect(written.findings.map(brief)).toEqual(SEED_FINDINGS(masked))
    expect(written.sourceNotes[0]).toContain(
      'because the credential report was denied: Access denied to iam:GenerateCredentialReport'
    )
    expect(written.sourceNotes[1]).toContain('checked with GetAccountSummary')
    expect(result.summary).toContain('IAM API (ListUsers, ListAccessKeys, GetAccessKeyLastUsed)')
    // Read in the audit worker, with the heap limits applied (as the worker itself reports them).
    expect(result.stdout).toContain(
      '::debug::Audit worker thread: young generation 6 MB, old generation 1024 MB.'
    )
    // No full id of a key the audit read anywhere a person can read (the caller's own is an input).
    for (const key of seed.users.filter(u => u.name !== 'key-auditor').flatMap(u => u.accessKeys)) {
      expect(result.stdout + result.summary + JSON.stringify(written)).not.toContain(key.id)
    }
    // One ListUsers page, one ListAccessKeys per user, one GetAccessKeyLastUsed per active key.
    const iamCalls = fake.requests.filter(r => r.service === 'iam').map(r => r.action)
    const count = (action: string) => iamCalls.filter(a => a === action).length
    expect(count('ListUsers')).toBe(1)
    expect(count('ListAccessKeys')).toBe(seed.users.length)
    expect(count('GetAccessKeyLastUsed')).toBe(8)
    expect(count('GetAccountSummary')).toBe(1)
    assertNoSecretLeaks(result, [seedKey(seed, 'key-auditor').secret])
  })

  it('sees a root key through the account summary', async () => {
    fake.account.root.accessKeys.push({
      id: 'AKIAROOTKEY000000001',
      secret: 'x'.repeat(40),
      status: 'Active',
      createDate: new Date(),
      userName: undefined
    })
    const result = await audit('key-auditor')
    expect(report(result).findings[0]).toMatchObject({
      user: '<root_account>',
      accessKeyId: 'root key',
      rule: 'cis-1.4-root-access-key',
      severity: 'critical',
      ageDays: null
    })
  })

  it('survives IAM throttling: the SDK retries, the audit completes with the same findings', async () => {
    fake.inject('iam:ListAccessKeys', { code: 'Throttling', times: 3 })
    fake.inject('iam:GetAccessKeyLastUsed', { code: 'Throttling', times: 2 })
    const started = performance.now()
    const result = await audit('key-auditor', { 'fail-on-findings': 'false' })
    // The SDK's own backoff absorbs a few throttles: seconds, not a stalled audit.
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(result.exitCode).toBe(0)
    expect(report(result).findings.map(brief)).toEqual(SEED_FINDINGS(masked))
    expect(fake.requests.filter(r => r.errorCode === 'Throttling')).toHaveLength(5)
  }, 60_000)

  it('fails naming the IAM actions and a minimal policy for each way when both are denied', async () => {
    // aging may ListUsers and ListAccessKeys, but not GetAccessKeyLastUsed nor the credential report.
    const result = await audit('aging', { 'fail-on-findings': 'false', 'open-issue': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    const [error] = result.errors
    expect(error).toContain('Access denied to iam:GenerateCredentialReport')
    expect(error).toContain('Access denied to iam:GetAccessKeyLastUsed')
    expect(error).toContain('"Action":["iam:GenerateCredentialReport","iam:GetCredentialReport"]')
    expect(error).toContain('"Action":["iam:ListUsers","iam:ListAccessKeys","iam:GetAccessKeyLastUsed"]')
    expect(result.outputs['findings-count']).toBeUndefined()
    expect(result.exportedEnv).toEqual({})
  })
})

describe('account audit with open-issue', () => {
  let github: FakeGithub
  beforeAll(async () => {
    github = await startFakeGithub('octo-org/octo-repo', FAKE_GITHUB_TOKEN)
  })
  afterAll(() => github.close())

  it('opens one issue per account, updates it, closes it when clean, and reopens it', async () => {
    const withIssue = { 'open-issue': 'true', 'fail-on-findings': 'false' }
    const env = { GITHUB_API_URL: github.url }

    const first = await audit('admin', withIssue, env)
    expect(first.stderr).toBe('')
    expect(first.errors).toEqual([])
    expect(first.exitCode).toBe(0)
    expect(github.issues).toHaveLength(1)
    const [issue] = github.issues
    expect(issue).toMatchObject({
      title: 'AWS access key audit: 4 finding(s) in account 123456789012',
      state: 'open',
      labels: [{ name: 'aws-key-audit' }]
    })
    expect(issue.body.startsWith('<!-- aws-auth-check:audit:123456789012 -->')).toBe(true)
    expect(issue.body).toContain('https://github.com/octo-org/octo-repo/actions/runs/1658821493')
    expect(first.stdout).toContain('Audit issue #1 created')
    assertNoSecretLeaks(first, [seedKey(seed, 'admin').secret, FAKE_GITHUB_TOKEN])

    fake.account.usersByName.get('aging')!.accessKeys[0]!.status = 'Inactive'
    await audit('admin', withIssue, env)
    expect(github.issues).toHaveLength(1)
    expect(issue.title).toBe('AWS access key audit: 3 finding(s) in account 123456789012')

    // Everyone but admin (fresh, used today: no finding) stops using keys.
    for (const user of fake.account.users.filter(u => u.name !== 'admin')) {
      for (const key of user.accessKeys) key.status = 'Inactive'
    }
    const clean = await audit('admin', withIssue, env)
    expect(clean.exitCode).toBe(0)
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(issue.comments.at(-1)).toContain('found no access key findings in account 123456789012. Closing.')

    fake.reset()
    await audit('admin', withIssue, env)
    expect(github.issues).toHaveLength(1)
    expect(issue.state).toBe('open')
    expect(issue.comments.at(-1)).toContain('Findings are back')
    expect(github.requests.every(r => r.authorization === `token ${FAKE_GITHUB_TOKEN}`)).toBe(true)
  })

  it('warns, and does not fail the audit, when GitHub refuses the write', async () => {
    github.failNextWrite(403)
    const result = await audit(
      'admin',
      { 'open-issue': 'true', 'fail-on-findings': 'false' },
      { GITHUB_API_URL: github.url }
    )
    expect(result.exitCode).toBe(0)
    expect(result.warnings[0]).toContain("Could not update the audit's GitHub issue")
    expect(result.warnings[0]).toContain('permissions: issues: write')
  })
})

describe('the shipped key-age-audit.yml', () => {
  let github: FakeGithub
  beforeAll(async () => {
    github = await startFakeGithub('octo-org/octo-repo', FAKE_GITHUB_TOKEN)
  })
  afterAll(() => github.close())

  /** `${{ matrix.x }}` and `${{ matrix.x || 'default' }}`: the only expressions the step uses. */
  function expand(value: unknown, matrix: Record<string, string>): string {
    return String(value).replace(
      /\$\{\{\s*matrix\.(\w+)(?:\s*\|\|\s*'([^']*)')?\s*\}\}/g,
      (expression, name, fallback) => {
        const resolved = matrix[name] || fallback
        if (resolved === undefined) throw new Error(`unresolved ${expression}`)
        return resolved
      }
    )
  }

  it("audits an account with its step's own inputs: OIDC role, the account pinned, report, issue", async () => {
    const flow = parse(readFileSync(join(REPO_ROOT, '.github/workflows/key-age-audit.yml'), 'utf8')) as {
      jobs: { audit: { steps: { uses?: string; with?: Record<string, unknown> }[] } }
    }
    const step = flow.jobs.audit.steps.find(s => s.uses === './')!
    // One entry of AUDIT_ACCOUNTS as the workflow's header documents it; the seed's auditor role.
    const matrix = { name: 'prod', account: ACCOUNT, role: `arn:aws:iam::${ACCOUNT}:role/auditor` }
    const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v, matrix)]))

    const result = await runMain({
      inputs,
      env: { ...fake.env(), ...tokens.env, GITHUB_API_URL: github.url }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringContaining('found 4 access key finding(s)')])
    expect(result.exportedEnv).toEqual({})
    // The artifact step uploads steps.audit.outputs.report-path: it must be the written report.
    const reportPath = result.outputs['report-path']
    expect(reportPath).toBe(join(result.job.workspace, 'key-audit-prod.json'))
    expect(JSON.parse(readFileSync(reportPath, 'utf8')).findings.map(brief)).toEqual(SEED_FINDINGS(slot))
    expect(fake.requests.map(r => r.action)).toEqual([
      'AssumeRoleWithWebIdentity',
      'GetCallerIdentity',
      'GenerateCredentialReport',
      'GenerateCredentialReport',
      'GetCredentialReport'
    ])
    expect(github.issues).toEqual([
      expect.objectContaining({
        title: 'AWS access key audit: 4 finding(s) in account 123456789012',
        state: 'open'
      })
    ])
    // The secrets from the fakes, not from the step's own masks (runMain checks them all anyway).
    expect(tokens.issued).toHaveLength(1)
    assertNoSecretLeaks(result, [
      FAKE_GITHUB_TOKEN,
      ...tokens.issued,
      ...fake.sessions.flatMap(s => [s.secretAccessKey, s.sessionToken])
    ])
  })

  it('stops before any audit call when the role belongs to another account', async () => {
    const flow = readFileSync(join(REPO_ROOT, '.github/workflows/key-age-audit.yml'), 'utf8')
    expect(flow).toContain('allowed-account-ids: ${{ matrix.account }}')
    const result = await runMain({
      inputs: {
        'aws-region': 'us-east-1',
        'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/auditor`,
        'allowed-account-ids': '210987654321',
        'audit-scope': 'account',
        checks: 'identity'
      },
      env: { ...fake.env(), ...tokens.env }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('not in allowed-account-ids (210987654321)')
    expect(fake.requests.some(r => r.service === 'iam')).toBe(false)
  })
})
