// npm run bench: runs the bundled action (dist/) the way the runner does, with stored keys and with
// GitHub OIDC, next to two baselines bundled the same way (stored keys: GetCallerIdentity; OIDC: token +
// AssumeRoleWithWebIdentity + GetCallerIdentity) and a floor (the default checks' four calls with no
// action around them, built like dist/), against the local endpoints over HTTPS with a test CA, on
// loopback and with a network cost model (latency per request AND per new connection), and compares
// with the budgets of docs/performance.md, which also explains how to read it.
// BENCH_RUNS (default 10), BENCH_LATENCY_MS / BENCH_HANDSHAKE_MS (default 100 / 100), BENCH_ACTION (an
// other build's index.js, e.g. main's, to compare before and after).
// `npm run bench -- audit` runs the account-audit benchmark instead.
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { loadSeed, seedKey, startFakeAws } from '../test/fake-aws/index.js'
import { createTestCa } from '../test/network/test-ca.js'
import { startTokenServer } from '../test/oidc/token-server.js'
import { REPO_ROOT, runMain } from '../test/runner/index.js'
import { interleaved, ratioSpread, summarize, type Run, type Sample } from './bench/measure.js'
import { mb } from './bench/peak-rss.js'
import { minifyChunks } from './minify-chunks.mjs'

if (process.argv.includes('audit')) {
  await import('./bench-audit.js')
  process.exit(0)
}

const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100)
const HANDSHAKE_MS = Number(process.env.BENCH_HANDSHAKE_MS ?? 100)
const ACTION = resolve(process.env.BENCH_ACTION ?? join(REPO_ROOT, 'dist', 'index.js'))
/** docs/performance.md, "Budgets". */
const BUDGET = {
  oidcRatio: 0.85,
  storedRatio: 1.0,
  loopbackRatio: 1.3,
  loopbackMs: 350,
  rssBytes: 70 * 2 ** 20
}

/**
 * ncc --minify, then what scripts/bundle.mjs does after ncc: lazily loaded chunks minified (the floor's;
 * the baselines have none), as in dist/.
 */
async function bundle(entry: string, name: string, extra: readonly string[] = []): Promise<string> {
  const out = join(REPO_ROOT, 'build', name)
  execFileSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'ncc'),
    ['build', entry, '-o', out, '--minify', '--quiet', ...extra],
    { cwd: REPO_ROOT, stdio: 'inherit' }
  )
  await minifyChunks(out)
  return join(out, 'index.js')
}

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const role = `arn:aws:iam::${seed.accountId}:role/deploy`
const storedBaseline = await bundle('scripts/bench/baseline.ts', 'bench-baseline')
const oidcBaseline = await bundle('scripts/bench/oidc-baseline.ts', 'bench-oidc-baseline')
// With dist/'s target: its IAM and EC2 chunks, minified, drop the schemas the calls do not use.
const floor = await bundle('scripts/bench/floor.ts', 'bench-floor', ['--target', 'es2022'])
const ca = await createTestCa()
const tokens = await startTokenServer({ tls: ca.tls })
const fake = await startFakeAws(seed, { tls: ca.tls, oidcKeys: { [tokens.issuer]: tokens.jwks } })

const base = (hook: Record<string, string>) => ({ ...fake.env(), ...ca.env, ...hook })
const storedEnv = {
  AWS_ACCESS_KEY_ID: admin.id,
  AWS_SECRET_ACCESS_KEY: admin.secret,
  AWS_REGION: 'eu-west-1'
}
// The baselines and the floor are scripts, not actions: they mask nothing, so the harness's secret rules
// (which every run of the action itself still passes) do not apply to them.
const bundles: Record<'stored' | 'floor' | 'action' | 'oidcBase' | 'oidc', Run> = {
  stored: hook => runMain({ entry: storedBaseline, env: { ...base(hook), ...storedEnv }, verify: false }),
  floor: hook => runMain({ entry: floor, env: { ...base(hook), ...storedEnv }, verify: false }),
  action: hook =>
    runMain({
      entry: ACTION,
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret
      },
      env: base(hook)
    }),
  oidcBase: hook =>
    runMain({
      entry: oidcBaseline,
      env: { ...base(hook), ...tokens.env, AWS_REGION: 'eu-west-1', BENCH_ROLE_ARN: role },
      verify: false
    }),
  oidc: hook =>
    runMain({
      entry: ACTION,
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': role },
      env: { ...base(hook), ...tokens.env }
    })
}

const ms = (value: number) => `${value.toFixed(0)} ms`
function row(cell: string, name: string, r: Sample, baseline?: Sample): string {
  const ratio = baseline ? `${(r.wallMs / baseline.wallMs).toFixed(2)}×` : ''
  return [
    cell.padEnd(16),
    name.padEnd(34),
    ms(r.wallMs).padStart(7),
    ratio.padStart(6),
    ms(r.firstRequestMs).padStart(10),
    ms(r.firstConnectionMs).padStart(10),
    String(r.roundTrips).padStart(6),
    String(r.handshakes).padStart(6),
    String(r.calls).padStart(5),
    mb(r.rssBytes).padStart(9)
  ].join('  ')
}

console.log(
  `aws-auth-check bench: ${RUNS} runs per bundle (medians; RSS and round trips: highest), node 24 child processes, default checks,\n` +
    `HTTPS endpoints with a test CA; action: ${ACTION}\n`
)
console.log(
  `${'cell'.padEnd(16)}  ${'what'.padEnd(34)}  ${'wall'.padStart(7)}  ${'ratio'.padStart(6)}  ${'1st req'.padStart(10)}  ${'1st conn'.padStart(10)}  ${'trips'.padStart(6)}  ${'hands'.padStart(6)}  ${'calls'.padStart(5)}  ${'peak RSS'.padStart(9)}`
)
const verdicts: string[] = []
const verdict = (text: string, ok: boolean) => verdicts.push(`${text}: ${ok ? 'within' : 'OVER'}`)
try {
  for (const [latency, handshake] of [
    [0, 0],
    [LATENCY_MS, HANDSHAKE_MS]
  ] as const) {
    for (const server of [fake, tokens.network]) {
      server.latencyMs = latency
      server.handshakeMs = handshake
    }
    const cell = latency === 0 && handshake === 0 ? 'loopback' : `${latency}+${handshake} ms`
    const rounds = await interleaved({ fake, tokens }, RUNS, bundles)
    const r = Object.fromEntries(
      Object.entries(rounds).map(([name, samples]) => [name, summarize(samples)])
    ) as Record<keyof typeof bundles, Sample>
    console.log(row(cell, 'baseline, stored keys (GetCallerId.)', r.stored))
    console.log(row(cell, 'floor, stored keys (4 bare SDK calls)', r.floor, r.stored))
    console.log(row(cell, 'aws-auth-check, stored keys (4 checks)', r.action, r.stored))
    console.log(row(cell, 'baseline, OIDC (token+ARWWI+GCI)', r.oidcBase))
    console.log(row(cell, 'aws-auth-check, OIDC (4 checks)', r.oidc, r.oidcBase))
    // The ratio of medians is the verdict; the middle half of the rounds' ratios shows its noise.
    const ratio = (a: keyof typeof bundles, b: keyof typeof bundles, budget: number, name: string) => {
      const value = r[a].wallMs / r[b].wallMs
      const { low, high } = ratioSpread(rounds[a], rounds[b])
      verdict(
        `${cell}, ${name}: ${value.toFixed(2)}× its baseline (rounds ${low.toFixed(2)}–${high.toFixed(2)}×; budget ${budget}×)`,
        value <= budget
      )
    }
    if (cell === 'loopback') {
      ratio('action', 'stored', BUDGET.loopbackRatio, 'stored keys')
      ratio('oidc', 'oidcBase', BUDGET.loopbackRatio, 'OIDC')
      verdict(
        `loopback wall ${ms(r.action.wallMs)} (budget ${ms(BUDGET.loopbackMs)})`,
        r.action.wallMs <= BUDGET.loopbackMs
      )
    } else {
      ratio('oidc', 'oidcBase', BUDGET.oidcRatio, 'OIDC')
      ratio('action', 'stored', BUDGET.storedRatio, 'stored keys')
    }
    const rss = Math.max(r.action.rssBytes, r.oidc.rssBytes)
    verdict(`${cell}, peak RSS ${mb(rss)} (budget ${mb(BUDGET.rssBytes)})`, rss <= BUDGET.rssBytes)
  }
} finally {
  await fake.close()
  await tokens.close()
  ca.close()
}
console.log(
  `\ncolumns: wall = process start to exit; ratio = wall / its baseline's; 1st req / 1st conn = process start to the first\n` +
    `request / connection a server saw; trips = sequential round trips; hands = new connections (handshakes paid).\n` +
    `The floor is no budget: the action's wall over the floor's is what the action adds to the checks' SDK calls.`
)
console.log(`\nBudget (docs/performance.md):\n  ${verdicts.join('\n  ')}`)
