// npm run bench:audit (or npm run bench -- audit): the account audit through the bundled action (dist/)
// against the local fake endpoint, as the runner runs it.
// 1. The credential report path on a 10,000-user account: API calls, wall time, peak RSS, against the
//    budget in docs/performance.md (≤ 5 calls, ≤ 60 s, ≤ 200 MB).
// 2. The IAM API fallback on a 1,000-user account, with injected round-trip latency, and with a burst
//    of throttling: wall time and calls (no budget; it is the path for accounts that deny the report).
import { generateLargeSeed, loadSeed, startFakeAws, type FakeAws, type Seed } from '../test/fake-aws/index.js'
import { mb } from './bench/peak-rss.js'
import { runAccountAudit } from './bench/account-audit.js'

const BUDGET = { calls: 5, wallMs: 60_000, rssBytes: 200 * 1024 * 1024 }

/** A user allowed only what the audit needs on the given path. */
function withAuditor(seed: Seed, name: string, allowedActions: string[]): Seed {
  seed.users.unshift({
    name,
    createdDaysAgo: 10,
    allowedActions: ['sts:GetCallerIdentity', ...allowedActions],
    accessKeys: [
      {
        id: name === 'report-auditor' ? 'AKIABENCHREPORTAUD01' : 'AKIABENCHAPIAUDITOR1',
        secret: 'benchSecretKeyThatIsFortyCharactersLong0',
        status: 'Active',
        createdDaysAgo: 3,
        lastUsed: { daysAgo: 0, region: 'us-east-1', service: 'iam' }
      }
    ]
  })
  return seed
}

interface Measured {
  wallMs: number
  rssBytes: number
  calls: number
  byAction: Record<string, number>
  throttled: number
  findings: string
  source: string
}

async function audit(fake: FakeAws, seed: Seed, user: string): Promise<Measured> {
  fake.requests.length = 0
  const { wallMs, rssBytes, report } = await runAccountAudit(
    fake,
    seed.users.find(u => u.name === user)!.accessKeys[0]!
  )
  const byAction: Record<string, number> = {}
  for (const r of fake.requests) byAction[r.action] = (byAction[r.action] ?? 0) + 1
  return {
    wallMs,
    rssBytes,
    calls: fake.requests.length,
    byAction,
    throttled: fake.requests.filter(r => r.errorCode === 'Throttling').length,
    findings: `${report.totals.findings} findings / ${report.totals.users} users`,
    source: report.source
  }
}

function line(label: string, m: Measured): void {
  const actions = Object.entries(m.byAction)
    .map(([a, n]) => `${a} ${n}`)
    .join(', ')
  console.log(
    `${label.padEnd(44)} ${`${(m.wallMs / 1000).toFixed(2)} s`.padStart(8)} ${mb(m.rssBytes).padStart(9)} ${String(m.calls).padStart(6)} calls ${String(m.throttled).padStart(3)} throttled  ${m.source}, ${m.findings}`
  )
  console.log(`${''.padEnd(44)} ${actions}`)
}

console.log('aws-auth-check account-audit bench: node 24 child process, stored keys, checks: identity\n')
console.log(`${'scenario'.padEnd(44)} ${'wall'.padStart(8)} ${'peak RSS'.padStart(9)}`)

const reportSeed = withAuditor(generateLargeSeed({ users: 10_000 }), 'report-auditor', [
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport'
])
const verdicts: string[] = []
let fake = await startFakeAws(reportSeed)
try {
  for (const latency of [0, 100]) {
    fake.reset()
    fake.latencyMs = latency
    const m = await audit(fake, reportSeed, 'report-auditor')
    line(`credential report, 10,000 users, ${latency} ms`, m)
    if (latency === 100) {
      verdicts.push(
        `API calls ${m.calls} (budget ${BUDGET.calls}): ${m.calls <= BUDGET.calls ? 'within' : 'OVER'}`
      )
      verdicts.push(
        `wall ${(m.wallMs / 1000).toFixed(2)} s (budget ${BUDGET.wallMs / 1000} s): ${m.wallMs <= BUDGET.wallMs ? 'within' : 'OVER'}`
      )
      verdicts.push(
        `peak RSS ${mb(m.rssBytes)} (budget ${mb(BUDGET.rssBytes)}): ${m.rssBytes <= BUDGET.rssBytes ? 'within' : 'OVER'}`
      )
    }
  }
} finally {
  await fake.close()
}

const apiSeed = withAuditor(generateLargeSeed({ users: 1_000, base: loadSeed() }), 'api-auditor', [
  'iam:ListUsers',
  'iam:ListAccessKeys',
  'iam:GetAccessKeyLastUsed',
  'iam:GetAccountSummary'
])
fake = await startFakeAws(apiSeed)
try {
  for (const [latency, throttles] of [
    [0, 0],
    [20, 0],
    [50, 0],
    [20, 60]
  ] as const) {
    fake.reset()
    fake.latencyMs = latency
    if (throttles > 0) {
      fake.inject('iam:ListAccessKeys', { code: 'Throttling', times: throttles / 2 })
      fake.inject('iam:GetAccessKeyLastUsed', { code: 'Throttling', times: throttles / 2 })
    }
    const m = await audit(fake, apiSeed, 'api-auditor')
    line(`IAM API fallback, 1,000 users, ${latency} ms${throttles ? `, ${throttles} throttles` : ''}`, m)
  }
} finally {
  await fake.close()
}

console.log(
  `\nBudget for the credential report path at 100 ms latency (docs/performance.md):\n  ${verdicts.join('\n  ')}`
)
