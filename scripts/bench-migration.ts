// npm run bench:migration: migrate-to-oidc: plan through the bundled action (dist/) against the local
// fake AWS answering after 100 ms, for a user in 5 groups with 20 policies (7 managed, 13 inline).
// Budget (docs/performance.md): ≤ 2 s. Prints wall time, the plan's IAM calls and its sequential round
// trips, per run and median. BENCH_RUNS (default 3) runs; the lead measures on a quiet machine.
import { loadSeed, seedKey, startFakeAws } from '../test/fake-aws/index.js'
import { addMigratingUser } from '../test/fake-aws/migration-seed.js'
import { runMain } from '../test/runner/index.js'

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const BUDGET_MS = 2_000

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const seed = loadSeed()
// 2 managed + 3 inline of its own, and 5 groups with 1 managed + 2 inline each: 20 policies.
addMigratingUser(seed, 'bench-migrator', { groups: 5, managed: 2, inline: 3, groupInline: 2 })
const admin = seedKey(seed, 'admin')
const fake = await startFakeAws(seed, { latencyMs: LATENCY_MS })

console.log(
  `Migration plan bench: ${LATENCY_MS} ms per AWS call, a user in 5 groups with 20 policies, ${RUNS} run(s)`
)
const walls: number[] = []
try {
  for (let run = 1; run <= RUNS; run++) {
    fake.reset()
    fake.latencyMs = LATENCY_MS
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret,
        checks: 'identity',
        'migrate-to-oidc': 'plan',
        'migrate-user': 'bench-migrator'
      },
      env: fake.env()
    })
    if (result.exitCode !== 0)
      throw new Error(`run ${run} failed: ${result.errors.join(' ') || result.stderr}`)
    walls.push(result.durationMs)
    const iam = fake.requests.filter(r => r.service === 'iam')
    console.log(
      `run ${run}: ${Math.round(result.durationMs)} ms wall; ${iam.length} IAM calls in ${fake.sequentialRoundTrips(r => r.service === 'iam')} sequential round trips; ${fake.sequentialRoundTrips()} in all`
    )
  }
  const m = median(walls)
  console.log(
    `median wall time: ${Math.round(m)} ms (budget ${BUDGET_MS} ms: ${m <= BUDGET_MS ? 'met' : 'MISSED'})`
  )
} finally {
  await fake.close()
}
