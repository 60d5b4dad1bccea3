// npm run bench: runs the bundled action (dist/) against the local fake endpoint the way the runner
// does, at 0 ms and 100 ms injected round-trip latency, next to a baseline that only calls
// GetCallerIdentity, and compares with the performance budget of DESIGN.md.
// `npm run bench -- audit` runs the account-audit benchmark instead.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { loadSeed, seedKey, startFakeAws, type FakeAws } from '../test/fake-aws/index.js'
import { startTokenServer } from '../test/oidc/token-server.js'
import { REPO_ROOT, runMain, type RunResult } from '../test/runner/index.js'
import { mb, withPeakRss } from './bench/peak-rss.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const LATENCIES = [0, 100]
const BUDGET = { loopbackMs: 350, rssBytes: 110 * 1024 * 1024, latencyOverheadMs: 150 }

if (process.argv.includes('audit')) {
  await import('./bench-audit.js')
  process.exit(0)
}

interface Sample {
  wallMs: number
  rssBytes: number
  roundTrips: number
  calls: number
  ok: boolean
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

function buildBaseline(): string {
  const out = join(REPO_ROOT, 'build', 'bench-baseline')
  execFileSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'ncc'),
    ['build', 'scripts/bench/baseline.ts', '-o', out, '--minify', '--quiet'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit'
    }
  )
  return join(out, 'index.js')
}

/** Requests outside the fake that the run waited for (the OIDC token), counted as round trips. */
type Before = () => number

async function measure(
  fake: FakeAws,
  run: (env: Record<string, string>) => Promise<RunResult>,
  before: Before = () => 0
): Promise<Sample> {
  fake.requests.length = 0
  const { result, rssBytes } = await withPeakRss(hook => run({ ...fake.env(), ...hook }))
  const sample = {
    wallMs: result.durationMs,
    rssBytes,
    roundTrips: before() + fake.sequentialRoundTrips(),
    calls: fake.requests.length,
    ok: result.exitCode === 0
  }
  if (!sample.ok) throw new Error(`a measured run failed:\n${result.stdout}\n${result.stderr}`)
  return sample
}

async function series(
  fake: FakeAws,
  run: (env: Record<string, string>) => Promise<RunResult>,
  before?: Before
) {
  await measure(fake, run, before) // warm the file cache; not counted
  const samples: Sample[] = []
  for (let i = 0; i < RUNS; i += 1) samples.push(await measure(fake, run, before))
  return {
    wallMs: median(samples.map(s => s.wallMs)),
    rssBytes: Math.max(...samples.map(s => s.rssBytes)),
    roundTrips: Math.max(...samples.map(s => s.roundTrips)),
    calls: median(samples.map(s => s.calls))
  }
}

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const baselineEntry = buildBaseline()
const tokens = await startTokenServer()
const fake = await startFakeAws(seed, { oidcKeys: { [tokens.issuer]: tokens.jwks } })
const action = (env: Record<string, string>) =>
  runMain({
    inputs: {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': admin.id,
      'aws-secret-access-key': admin.secret
    },
    env
  })
const oidc = (env: Record<string, string>) => {
  tokens.requests.length = 0
  return runMain({
    inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': `arn:aws:iam::${seed.accountId}:role/deploy` },
    env: { ...env, ...tokens.env }
  })
}
// The token request always comes first: AssumeRoleWithWebIdentity cannot start without the token.
const tokenRequests = () => tokens.requests.length
const baseline = (env: Record<string, string>) =>
  runMain({
    entry: baselineEntry,
    env: { ...env, AWS_ACCESS_KEY_ID: admin.id, AWS_SECRET_ACCESS_KEY: admin.secret, AWS_REGION: 'eu-west-1' }
  })

console.log(
  `aws-auth-check bench: ${RUNS} runs per cell, node 24 child processes, default checks; stored keys, and GitHub OIDC (token request on loopback, not delayed)\n`
)
console.log('latency  what                         median wall  peak RSS   AWS calls  sequential round trips')
const verdicts: string[] = []
try {
  for (const latency of LATENCIES) {
    fake.latencyMs = latency
    const base = await series(fake, baseline)
    const full = await series(fake, action)
    const federated = await series(fake, oidc, tokenRequests)
    for (const [name, r] of [
      ['baseline (GetCallerIdentity)', base],
      ['aws-auth-check (4 checks)', full],
      ['aws-auth-check OIDC', federated]
    ] as const) {
      console.log(
        `${String(latency).padStart(4)} ms  ${name.padEnd(28)} ${`${r.wallMs.toFixed(0)} ms`.padStart(11)}  ${mb(r.rssBytes).padStart(8)}  ${String(r.calls).padStart(9)}  ${String(r.roundTrips).padStart(22)}`
      )
    }
    if (latency === 0) {
      verdicts.push(
        `loopback wall ${full.wallMs.toFixed(0)} ms (budget ${BUDGET.loopbackMs} ms): ${full.wallMs <= BUDGET.loopbackMs ? 'within' : 'OVER'}`
      )
      verdicts.push(
        `peak RSS ${mb(full.rssBytes)} (budget ${mb(BUDGET.rssBytes)}): ${full.rssBytes <= BUDGET.rssBytes ? 'within' : 'OVER'}`
      )
    } else {
      const limit = base.wallMs + BUDGET.latencyOverheadMs
      verdicts.push(
        `${latency} ms latency: ${full.wallMs.toFixed(0)} ms vs baseline ${base.wallMs.toFixed(0)} ms + ${BUDGET.latencyOverheadMs} ms = ${limit.toFixed(0)} ms: ${full.wallMs <= limit ? 'within' : 'OVER'}`
      )
    }
  }
} finally {
  await fake.close()
  await tokens.close()
}
console.log(`\nBudget (DESIGN.md):\n  ${verdicts.join('\n  ')}`)
