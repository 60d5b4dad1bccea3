// The organization audit (audit-scope: organization) and the audit-merge sub-action through their
// bundles, against the signature-checking fake holding an organization: member accounts with their own
// users and keys, one without the audit role, one whose role may not read keys; then the merge of a
// 3-shard matrix, its errors, and the organization's one GitHub issue.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  AUDIT_ROLE_ACTIONS,
  generateOrganizationSeed,
  memberAccountId,
  seedKey
} from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { startFakeGithub, type FakeGithub } from '../../test/fake-github/issues-server.js'
import {
  assertNoSecretLeaks,
  createJob,
  FAKE_GITHUB_TOKEN,
  REPO_ROOT,
  runMain,
  type RunResult
} from '../../test/runner/index.js'
import type { OrganizationReport } from '../../src/audit/organization/organization-report.js'

const MANAGEMENT = '123456789012'
const ORGANIZATION = 'o-a1b2c3d4e5'
const NO_ROLE = 1
const UNREADABLE = 3
const seed = generateOrganizationSeed({
  members: 6,
  usersPerAccount: 12,
  withoutRole: [NO_ROLE],
  unreadable: [UNREADABLE],
  suspended: [5]
})
const admin = seedKey(seed, 'admin')
const { fake } = useFakeAws(seed)

/** Every secret the run could print: the caller's and each minted audit session's. */
const secrets = () => [admin.secret, ...fake.sessions.flatMap(s => [s.secretAccessKey, s.sessionToken])]

async function auditShard(shard: string, extra: Record<string, string> = {}): Promise<RunResult> {
  const result = await runMain({
    inputs: {
      'aws-region': 'us-east-1',
      'aws-access-key-id': admin.id,
      'aws-secret-access-key': admin.secret,
      'audit-scope': 'organization',
      'audit-shard': shard,
      'audit-concurrency': '3',
      'fail-on-findings': 'false',
      checks: 'identity',
      'report-path': 'org-audit.json',
      ...extra
    },
    env: fake.env()
  })
  assertNoSecretLeaks(result, secrets())
  return result
}

const reportOf = (result: RunResult, name = 'org-audit.json') =>
  JSON.parse(readFileSync(join(result.job.workspace, name), 'utf8')) as OrganizationReport

/** Runs the merge sub-action on shard reports laid out as download-artifact does (a folder each). */
async function merge(
  shards: readonly RunResult[],
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<RunResult> {
  const job = createJob()
  shards.forEach((shard, i) => {
    const dir = join(job.workspace, 'shard-reports', `org-audit-${i}`)
    mkdirSync(dir, { recursive: true })
    cpSync(join(shard.job.workspace, 'org-audit.json'), join(dir, 'org-audit.json'))
  })
  const result = await runMain({
    entry: join(REPO_ROOT, 'dist', 'merge', 'index.js'),
    actionYml: join(REPO_ROOT, 'audit-merge', 'action.yml'),
    inputs: { reports: 'shard-reports', 'report-path': 'merged.json', ...inputs },
    env,
    job
  })
  assertNoSecretLeaks(result, [FAKE_GITHUB_TOKEN])
  return result
}

describe('organization audit, one job', () => {
  it('audits every ACTIVE account, the own one with the caller, the others through the audit role', async () => {
    const result = await auditShard('1/1')
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const report = reportOf(result)
    expect(report).toMatchObject({ scope: 'organization', organization: ORGANIZATION, shard: '1/1' })
    // Management + 6 members, one suspended: 6 ACTIVE accounts.
    expect(report.accountsListed).toBe(6)
    expect(report.accounts.map(a => a.id).sort()).toEqual(
      [MANAGEMENT, ...[0, 1, 2, 3, 4].map(memberAccountId)].sort()
    )
    expect(result.outputs['findings-count']).toBe(String(report.findings.length))

    // The caller's own account is read with the caller's key; no AssumeRole into it.
    const assumed = fake.requests.filter(r => r.action === 'AssumeRole')
    expect(assumed).toHaveLength(5)
    const ownReads = fake.requests.filter(
      r => r.action === 'GetCredentialReport' && r.accessKeyId === admin.id
    )
    expect(ownReads).toHaveLength(1)
    expect(fake.requests.filter(r => r.action === 'ListAccounts')).toHaveLength(1)

    const notAudited = report.findings.filter(f => f.rule === 'account-not-audited')
    expect(notAudited.map(f => f.account).sort()).toEqual([
      memberAccountId(NO_ROLE),
      memberAccountId(UNREADABLE)
    ])
    const denied = notAudited.find(f => f.account === memberAccountId(NO_ROLE))!
    expect(denied.severity).toBe('high')
    expect(denied.message).toContain(
      `could not assume arn:aws:iam::${memberAccountId(NO_ROLE)}:role/aws-auth-check-audit`
    )
    expect(denied.message).toContain(
      JSON.stringify({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:user/admin` },
        Action: 'sts:AssumeRole'
      })
    )
    const unreadable = notAudited.find(f => f.account === memberAccountId(UNREADABLE))!
    expect(unreadable.message).toContain('iam:GenerateCredentialReport')
    expect(report.accounts.find(a => a.id === memberAccountId(NO_ROLE))).toMatchObject({
      status: 'not-audited',
      totals: null
    })
    expect(result.summary).toContain(`Access key audit of organization ${ORGANIZATION}, shard 1/1`)
  })

  it('finds in the management account exactly what audit-scope: account finds there', async () => {
    // No reset in between: the fake would re-date every key from a new "now".
    const org = reportOf(await auditShard('1/1'))
    const account = await runMain({
      inputs: {
        'aws-region': 'us-east-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret,
        'audit-scope': 'account',
        'fail-on-findings': 'false',
        checks: 'identity',
        'report-path': 'account.json'
      },
      env: fake.env()
    })
    const single = JSON.parse(readFileSync(join(account.job.workspace, 'account.json'), 'utf8')) as {
      findings: object[]
      totals: object
    }
    const own = org.findings
      .filter(f => f.account === MANAGEMENT)
      .map(({ account: _a, accountName: _n, ...f }) => f)
    expect(own).toEqual(single.findings)
    expect(own.length).toBeGreaterThan(0)
    expect(org.accounts.find(a => a.id === MANAGEMENT)?.totals).toEqual(single.totals)
  }, 60_000)

  it('backs off when Organizations and STS throttle, and still audits every account', async () => {
    const baseline = reportOf(await auditShard('1/1'))
    fake.inject('organizations:ListAccounts', { code: 'TooManyRequestsException', times: 2 })
    fake.inject('sts:AssumeRole', { code: 'Throttling', times: 2 })
    fake.inject('iam:GenerateCredentialReport', { code: 'Throttling', times: 2, account: memberAccountId(0) })
    const throttled = reportOf(await auditShard('1/1'))
    expect(fake.pendingFaults).toBe(0)
    expect(throttled.findings).toEqual(baseline.findings)
  }, 60_000)

  it('fails with fail-on-findings, naming the organization and the shard', async () => {
    const result = await auditShard('1/1', { 'fail-on-findings': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      new RegExp(
        `^The organization audit of ${ORGANIZATION} \\(shard 1/1, 6 accounts\\) found \\d+ access key finding`
      )
    )
    expect(result.exportedEnv).toEqual({})
  })

  it('says what to allow when the caller may not list the accounts', async () => {
    const aging = seedKey(seed, 'aging')
    const result = await runMain({
      inputs: {
        'aws-region': 'us-east-1',
        'aws-access-key-id': aging.id,
        'aws-secret-access-key': aging.secret,
        'audit-scope': 'organization',
        checks: 'identity'
      },
      env: fake.env()
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('The organization audit could not list the accounts')
    expect(result.errors[0]).toContain('organizations:ListAccounts')
    expect(fake.requests.some(r => r.action === 'AssumeRole')).toBe(false)
  })
})

describe('organization audit on a 3-shard matrix, merged by audit-merge', () => {
  let whole: OrganizationReport
  let shards: RunResult[]
  beforeAll(async () => {
    whole = reportOf(await auditShard('1/1'))
    shards = []
    for (const shard of ['1/3', '2/3', '3/3']) shards.push(await auditShard(shard))
  }, 120_000)

  it('splits the accounts into disjoint shards that cover the organization', () => {
    const ids = shards.flatMap(s => reportOf(s).accounts.map(a => a.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.sort()).toEqual(whole.accounts.map(a => a.id).sort())
    expect(shards.map(s => reportOf(s).shard)).toEqual(['1/3', '2/3', '3/3'])
  })

  it('merges into the same findings as one unsharded run, with one summary and the outputs', async () => {
    const result = await merge(shards, { 'fail-on-findings': 'false' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const merged = reportOf(result, 'merged.json')
    expect(merged.findings).toEqual(whole.findings)
    expect(merged.totals).toEqual(whole.totals)
    expect(merged).toMatchObject({ organization: ORGANIZATION, shards: 3 })
    expect(result.outputs).toMatchObject({
      'findings-count': String(whole.findings.length),
      'account-count': '6',
      'report-path': join(result.job.workspace, 'merged.json')
    })
    expect(result.summary).toContain(`Access key audit of organization ${ORGANIZATION}, 3 shard(s) merged`)
    expect(result.summary).toContain('Worst findings')
    expect(result.summary).toContain('Age of active keys')
  })

  it('fails on findings by default, after writing the report', async () => {
    const result = await merge(shards)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^The organization audit of ${ORGANIZATION} found ${whole.findings.length} access key finding`
        )
      )
    ])
    expect(reportOf(result, 'merged.json').findings).toHaveLength(whole.findings.length)
  })

  it('names a missing shard', async () => {
    const result = await merge([shards[0]!, shards[2]!])
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('shard(s) 2/3 of 3 are missing')
    expect(result.outputs['findings-count']).toBeUndefined()
  })

  it('names a duplicate shard and its files', async () => {
    const result = await merge([shards[0]!, shards[1]!, shards[1]!, shards[2]!])
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/shard\(s\) 2\/3 appear more than once: .*org-audit-1.*org-audit-2/)
  })

  it('refuses shards audited with other thresholds', async () => {
    const other = await auditShard('2/3', { 'warn-key-age-days': '60' })
    const result = await merge([shards[0]!, other, shards[2]!])
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('used other thresholds than')
  })
})

describe("audit-merge keeps the organization's one GitHub issue", () => {
  let github: FakeGithub
  beforeAll(async () => {
    github = await startFakeGithub('octo-org/octo-repo', FAKE_GITHUB_TOKEN)
  })
  afterAll(() => github.close())

  it('creates it, updates it, and closes it when the organization is clean', async () => {
    const env = { GITHUB_API_URL: github.url }
    const withIssue = { 'open-issue': 'true', 'fail-on-findings': 'false' }
    const first = await merge([await auditShard('1/1')], withIssue, env)
    expect(first.warnings).toEqual([])
    expect(github.issues).toHaveLength(1)
    const [issue] = github.issues
    const count = reportOf(first, 'merged.json').findings.length
    expect(issue!.title).toBe(
      `AWS access key audit: ${count} finding(s) in 6 account(s) of organization ${ORGANIZATION}`
    )
    expect(issue!.body).toContain(`<!-- aws-auth-check:audit:organization:${ORGANIZATION} -->`)
    expect(issue!.body).toContain('account-not-audited')
    expect(issue!.body.length).toBeLessThanOrEqual(65_536)

    // The role appears in the account that had none, and the unreadable one may read keys now.
    const role = fake.memberAccount(memberAccountId(0)).roles.get('aws-auth-check-audit')!
    const roleArn = role.arn.replace(memberAccountId(0), memberAccountId(NO_ROLE))
    fake.memberAccount(memberAccountId(NO_ROLE)).roles.set(role.name, { ...role, arn: roleArn })
    fake.memberAccount(memberAccountId(UNREADABLE)).roles.get(role.name)!.allowedActions = [
      ...AUDIT_ROLE_ACTIONS
    ]
    await merge([await auditShard('1/1')], withIssue, env)
    expect(github.issues).toHaveLength(1)
    expect(issue!.title).toMatch(/finding\(s\) in 6 account\(s\)/)
    expect(issue!.body).not.toContain('account-not-audited')

    // Every key but the caller's (fresh, used today) is deactivated, in every account.
    for (const account of [
      fake.account,
      ...[0, 1, 2, 3, 4].map(i => fake.memberAccount(memberAccountId(i)))
    ]) {
      for (const user of account.users.filter(u => u.name !== 'admin')) {
        for (const key of user.accessKeys) key.status = 'Inactive'
      }
    }
    const clean = await merge([await auditShard('1/1')], withIssue, env)
    expect(clean.exitCode).toBe(0)
    expect(clean.outputs['findings-count']).toBe('0')
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(issue!.comments.at(-1)).toContain(
      `found no access key findings in organization ${ORGANIZATION}. Closing.`
    )
    expect(github.requests.every(r => r.authorization === `token ${FAKE_GITHUB_TOKEN}`)).toBe(true)
  }, 60_000)
})

it('the merge rejects a file that is not a shard report, naming it', async () => {
  const job = createJob()
  mkdirSync(join(job.workspace, 'reports'))
  writeFileSync(
    join(job.workspace, 'reports', 'other.json'),
    JSON.stringify({ account: MANAGEMENT, findings: [] })
  )
  const result = await runMain({
    entry: join(REPO_ROOT, 'dist', 'merge', 'index.js'),
    actionYml: join(REPO_ROOT, 'audit-merge', 'action.yml'),
    inputs: { reports: 'reports/*.json' },
    job
  })
  expect(result.exitCode).toBe(1)
  expect(result.errors).toEqual([
    expect.stringContaining('reports/other.json is not a shard report of an organization audit')
  ])
})
