// npm run bench:rotation: one key rotation through the bundled action (dist/) against the local fake
// AWS and fake GitHub secrets API, each answering after 100 ms, with IAM taking 5 s before a new key
// authenticates. Prints wall time, time per step (from the log) and the calls made, per run and median.
// BENCH_RUNS (default 3) runs; the lead measures on a quiet machine.
import { loadSeed, startFakeAws } from '../test/fake-aws/index.js'
import { addRotatingUser } from '../test/fake-aws/rotation-users.js'
import { startFakeGithubSecrets } from '../test/fake-github/secrets-server.js'
import { runMain } from '../test/runner/index.js'

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100)
const PROPAGATION_MS = Number(process.env.BENCH_PROPAGATION_MS ?? 5_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const TOKEN = 'github_pat_benchRotationToken0000000000'
const REPOS = ['octo-org/octo-repo', 'octo-org/other-repo']

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const count = (items: string[]): Record<string, number> =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [item]: (acc[item] ?? 0) + 1 }), {})

const seed = loadSeed()
const user = addRotatingUser(seed, 'bench-rotator', { keyAgeDays: 100 })
const old = user.accessKeys[0]!
const fake = await startFakeAws(seed, { latencyMs: LATENCY_MS, keyPropagationMs: PROPAGATION_MS })
const github = await startFakeGithubSecrets({
  tokens: { [TOKEN]: 'write' },
  repositories: REPOS,
  latencyMs: LATENCY_MS
})

console.log(
  `Rotation bench: ${LATENCY_MS} ms per AWS and GitHub call, ${PROPAGATION_MS} ms key propagation, ${RUNS} run(s), 2 repositories (4 secrets)`
)
const walls: number[] = []
try {
  for (let run = 1; run <= RUNS; run++) {
    fake.reset()
    github.reset()
    for (const repo of REPOS) {
      github.setSecret(`repo:${repo}`, 'AWS_ACCESS_KEY_ID', old.id)
      github.setSecret(`repo:${repo}`, 'AWS_SECRET_ACCESS_KEY', old.secret)
    }
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': old.id,
        'aws-secret-access-key': old.secret,
        checks: 'identity,key-age',
        'rotate-key': 'always',
        'rotate-repositories': REPOS[1]!,
        'github-token': TOKEN
      },
      env: { ...fake.env(), GITHUB_API_URL: github.url },
      timeoutMs: 120_000
    })
    const created = fake.createdKeys[0]
    const ok =
      result.exitCode === 0 &&
      created !== undefined &&
      github.secret(`repo:${REPOS[1]}`, 'AWS_SECRET_ACCESS_KEY')?.value === created.secret
    if (!ok) throw new Error(`run ${run} did not rotate: ${result.errors.join(' ') || result.stderr}`)
    walls.push(result.durationMs)
    const steps = [...result.stdout.matchAll(/^(\d\. [^:]+): (\w+) \((\d+) ms\)/gm)].map(
      m => `${m[1]} ${m[3]} ms`
    )
    const aws = count(fake.requests.map(r => r.action))
    const gh = count(github.requests.map(r => r.method))
    console.log(`run ${run}: ${Math.round(result.durationMs)} ms wall`)
    console.log(`  steps: ${steps.join(' | ')}`)
    console.log(
      `  AWS calls ${fake.requests.length}: ${JSON.stringify(aws)}; GitHub calls ${github.requests.length}: ${JSON.stringify(gh)}`
    )
    console.log(`  sequential AWS round trips: ${fake.sequentialRoundTrips()}`)
  }
  console.log(`median wall time: ${Math.round(median(walls))} ms (propagation alone: ${PROPAGATION_MS} ms)`)
} finally {
  await fake.close()
  await github.close()
}
