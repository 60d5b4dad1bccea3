// npm run bench:org: the organization audit and the audit-merge sub-action through their bundles (dist/)
// against the local fake endpoint, as the runner runs them. Sizes can be lowered for a quick check
// (ORG_ACCOUNTS, ORG_USERS, FALLBACK_USERS, LIST_ACCOUNTS, MERGE_SHARDS, MERGE_FINDINGS); the defaults
// are the budgets' sizes (docs/performance.md, issue 14):
// 1. one job: 50 member accounts × 300 users at 50 ms latency, ≤ 60 s and ≤ 200 MB peak RSS;
// 2. listing 1,000 accounts: ListAccounts calls and time, at 50 ms latency;
// 3. the IAM API fallback (credential report denied) at 10,000 users: ≤ 200 MB, with its time and calls;
// 4. merging 1,000 shard reports holding 100,000 findings: ≤ 10 s and ≤ 300 MB; the issue body's size.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  generateLargeSeed,
  generateOrganizationSeed,
  loadSeed,
  startFakeAws,
  type FakeAws,
  type Seed
} from '../test/fake-aws/index.js'
import { startFakeGithub } from '../test/fake-github/issues-server.js'
import { createJob, FAKE_GITHUB_TOKEN, REPO_ROOT, runMain, type RunResult } from '../test/runner/index.js'
import { mb, withPeakRss } from './bench/peak-rss.js'
import {
  organizationTotals,
  type AccountEntry,
  type OrganizationFinding,
  type OrganizationReport
} from '../src/audit/organization/organization-report.js'

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
/** BENCH_ONLY=1,4 runs only those scenarios. */
const only = process.env.BENCH_ONLY?.split(',').map(Number)
const runs = (scenario: number) => only === undefined || only.includes(scenario)
const MB = 1024 * 1024
const verdicts: string[] = []
const verdict = (what: string, value: number, budget: number, unit: (n: number) => string) =>
  verdicts.push(`${what} ${unit(value)} (budget ${unit(budget)}): ${value <= budget ? 'within' : 'OVER'}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** One run of the bundle with its peak RSS; throws with the log when the step failed. */
async function measured(run: (env: Record<string, string>) => Promise<RunResult>) {
  const { result, rssBytes } = await withPeakRss(run)
  if (result.exitCode !== 0)
    throw new Error(`the step failed:\n${result.stdout.slice(-4000)}\n${result.stderr}`)
  return { result, rssBytes }
}

function byAction(fake: FakeAws): string {
  const counts: Record<string, number> = {}
  for (const r of fake.requests) counts[r.action] = (counts[r.action] ?? 0) + 1
  return Object.entries(counts)
    .map(([a, n]) => `${a} ${n}`)
    .join(', ')
}

async function auditOrganization(fake: FakeAws, seed: Seed, inputs: Record<string, string>) {
  const key = seed.users.find(u => u.name === 'admin')!.accessKeys[0]!
  fake.requests.length = 0
  return measured(hook =>
    runMain({
      inputs: {
        'aws-region': 'us-east-1',
        'aws-access-key-id': key.id,
        'aws-secret-access-key': key.secret,
        'audit-scope': 'organization',
        checks: 'identity',
        'fail-on-findings': 'false',
        'report-path': 'org.json',
        ...inputs
      },
      env: { ...fake.env(), ...hook },
      timeoutMs: 900_000
    })
  )
}

console.log('aws-auth-check organization bench: node 24 child processes running dist/\n')

// 1. One job.
if (runs(1)) {
  const members = size('ORG_ACCOUNTS', 50)
  const users = size('ORG_USERS', 300)
  const seed = generateOrganizationSeed({ members, usersPerAccount: users })
  const fake = await startFakeAws(seed, { latencyMs: 50 })
  try {
    const { result, rssBytes } = await auditOrganization(fake, seed, { 'audit-concurrency': '8' })
    const report = JSON.parse(
      readFileSync(join(result.job.workspace, 'org.json'), 'utf8')
    ) as OrganizationReport
    console.log(
      `one job, ${members} member accounts × ${users} users, 50 ms: ${seconds(result.durationMs)}, ${mb(rssBytes)}, ${fake.requests.length} calls, ${report.totals.findings} findings in ${report.totals.accounts} accounts\n  ${byAction(fake)}`
    )
    verdict('one job: wall', result.durationMs, 60_000, seconds)
    verdict('one job: peak RSS', rssBytes, 200 * MB, mb)
  } finally {
    await fake.close()
  }
}

// 2. Listing a large organization (a 1/256 shard, so little else happens).
if (runs(2)) {
  const accounts = size('LIST_ACCOUNTS', 1000)
  const seed = generateOrganizationSeed({ members: accounts - 1, usersPerAccount: 0 })
  const fake = await startFakeAws(seed, { latencyMs: 50 })
  try {
    const { result, rssBytes } = await auditOrganization(fake, seed, { 'audit-shard': '1/256' })
    const listing = fake.requests.filter(r => r.action === 'ListAccounts')
    const span = Math.max(...listing.map(r => r.endMs)) - Math.min(...listing.map(r => r.startMs))
    console.log(
      `listing ${accounts} accounts, 50 ms: ${listing.length} ListAccounts calls in ${seconds(span)} (whole run ${seconds(result.durationMs)}, ${mb(rssBytes)})`
    )
  } finally {
    await fake.close()
  }
}

// 3. The IAM API fallback on one large account.
if (runs(3)) {
  const users = size('FALLBACK_USERS', 10_000)
  const seed = generateLargeSeed({ users, base: loadSeed() })
  const key = { id: 'AKIABENCHAPIAUDITOR1', secret: 'benchSecretKeyThatIsFortyCharactersLong0' }
  seed.users.unshift({
    name: 'api-auditor',
    createdDaysAgo: 10,
    allowedActions: [
      'sts:GetCallerIdentity',
      'iam:ListUsers',
      'iam:ListAccessKeys',
      'iam:GetAccessKeyLastUsed'
    ],
    accessKeys: [{ ...key, status: 'Active', createdDaysAgo: 3 }]
  })
  const fake = await startFakeAws(seed)
  try {
    const { result, rssBytes } = await measured(hook =>
      runMain({
        inputs: {
          'aws-region': 'us-east-1',
          'aws-access-key-id': key.id,
          'aws-secret-access-key': key.secret,
          'audit-scope': 'account',
          checks: 'identity',
          'fail-on-findings': 'false'
        },
        env: { ...fake.env(), ...hook },
        timeoutMs: 900_000
      })
    )
    console.log(
      `IAM API fallback, ${users} users, 0 ms: ${seconds(result.durationMs)}, ${mb(rssBytes)}, ${fake.requests.length} calls\n  ${byAction(fake)}`
    )
    verdict(`fallback at ${users} users: peak RSS`, rssBytes, 200 * MB, mb)
  } finally {
    await fake.close()
  }
}

/** A shard report of `accounts` accounts holding `perAccount` findings each (the merge's input). */
function syntheticShard(
  shard: number,
  shards: number,
  accounts: number,
  perAccount: number
): OrganizationReport {
  const entries: AccountEntry[] = []
  const findings: OrganizationFinding[] = []
  for (let a = 0; a < accounts; a++) {
    const id = String(300000000000 + shard * accounts + a)
    for (let f = 0; f < perAccount; f++) {
      findings.push({
        account: id,
        accountName: `account-${id}`,
        user: `user-${f}`,
        accessKeyId: 'key 1',
        rule: f % 3 === 0 ? 'cis-1.14-key-expired' : 'cis-1.12-key-unused',
        severity: f % 3 === 0 ? 'high' : 'medium',
        ageDays: 91 + ((f * 37) % 400),
        lastUsed: null,
        message: `Access key 1 of IAM user user-${f} is old. Rotate it: create a new key (\`aws iam create-access-key --user-name user-${f}\`), update every secret, then deactivate and delete the old one (CIS 1.14).`
      })
    }
    entries.push({ id, name: `account-${id}`, status: 'audited', source: 'credential-report', totals: null })
  }
  const totals = organizationTotals(entries, findings)
  return {
    scope: 'organization',
    generatedAt: new Date().toISOString(),
    organization: 'o-bench00001',
    shard: `${shard}/${shards}`,
    accountsListed: shards * accounts,
    thresholds: { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 },
    totals,
    accounts: entries,
    findings
  }
}

// 4. The merge of a large matrix, with the organization's issue.
if (runs(4)) {
  const shards = size('MERGE_SHARDS', 1000)
  const total = size('MERGE_FINDINGS', 100_000)
  const job = createJob()
  const dir = join(job.workspace, 'shard-reports')
  for (let s = 1; s <= shards; s++) {
    mkdirSync(join(dir, `shard-${s}`), { recursive: true })
    const report = syntheticShard(s, shards, 2, Math.ceil(total / shards / 2))
    writeFileSync(join(dir, `shard-${s}`, 'org.json'), `${JSON.stringify(report, null, 2)}\n`)
  }
  const github = await startFakeGithub('octo-org/octo-repo', FAKE_GITHUB_TOKEN)
  try {
    const { result, rssBytes } = await measured(hook =>
      runMain({
        entry: join(REPO_ROOT, 'dist', 'merge', 'index.js'),
        actionYml: join(REPO_ROOT, 'audit-merge', 'action.yml'),
        inputs: {
          reports: 'shard-reports',
          'report-path': 'merged.json',
          'fail-on-findings': 'false',
          'open-issue': 'true'
        },
        env: { GITHUB_API_URL: github.url, ...hook },
        job,
        timeoutMs: 300_000
      })
    )
    const body = github.issues[0]?.body ?? ''
    console.log(
      `merge of ${shards} shard reports, ${result.outputs['findings-count']} findings: ${seconds(result.durationMs)}, ${mb(rssBytes)}; issue body ${body.length} characters`
    )
    verdict('merge: wall', result.durationMs, 10_000, seconds)
    verdict('merge: peak RSS', rssBytes, 300 * MB, mb)
    verdict('issue body', body.length, 65_536, n => `${n} characters`)
  } finally {
    await github.close()
    rmSync(job.root, { recursive: true, force: true })
  }
}

console.log(`\nBudgets:\n  ${verdicts.join('\n  ')}`)
