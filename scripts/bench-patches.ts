// npm run bench:patches: what each patch in patches/ buys today. Builds dist/ once per patch, or per set of
// patches, taken out (everything else kept), then runs those builds and the committed dist/ side by side
// (interleaved rounds) with stored keys and with OIDC, on loopback and at 100 ms latency + 100 ms per new
// connection, and runs the 10,000-user account audit (credential report) for its peak RSS. A patch pays
// when removing it costs >= 5 % wall time at 100 ms or >= 10 MB peak RSS (docs/performance.md);
// patches/README.md records each decision.
// BENCH_RUNS (default 10): rounds per cell. BENCH_AUDIT_RUNS (default 3): audits per build (the median
// counts). `-- --reuse`: keep the builds of the previous run (same checkout, nothing changed since).
// BENCH_WITHOUT='@actions+core&undici,@aws-sdk+xml': sets of patches (`&` joins patch-file name prefixes,
// `,` separates sets), each taken out together, instead of each patch alone.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { generateLargeSeed, loadSeed, seedKey, startFakeAws, type Seed } from '../test/fake-aws/index.js'
import { createTestCa } from '../test/network/test-ca.js'
import { startTokenServer } from '../test/oidc/token-server.js'
import { REPO_ROOT, runMain } from '../test/runner/index.js'
import { interleaved, summarize, type Run, type Sample } from './bench/measure.js'
import { mb } from './bench/peak-rss.js'
import { runAccountAudit } from './bench/account-audit.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const AUDIT_RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 3)
const PAYS = { wallShare: 0.05, rssBytes: 10 * 2 ** 20 }
const PATCHES = join(REPO_ROOT, 'patches')
const WORK = join(REPO_ROOT, 'build', 'bench-patches')

/** A build of dist/ with one patch, or a set of patches, taken out of a copy of the repository. */
interface Variant {
  readonly name: string
  /** Takes the patches out of the copy in `dir` (its node_modules hard-links the repository's). */
  remove(dir: string): void
}

/**
 * Reverses a set of patches together (their effects can hide each other: a patch that keeps a package
 * out of the entry chunk matters only while the package is heavy). GNU patch writes a changed file anew,
 * so the links to the repository's own node_modules are broken before anything is written: the check
 * below proves it.
 */
const withoutPatches = (patches: readonly string[]): Variant => ({
  name: `without ${patches.map(p => p.replace(/\+[^+]*\.patch$/, '')).join(' + ')}`,
  remove(dir) {
    for (const patch of patches) {
      const before = patchedFiles(patch).map(file => readFileSync(join(REPO_ROOT, file), 'utf8'))
      execFileSync('patch', ['-R', '-p1', '--quiet', '-i', join(PATCHES, patch)], { cwd: dir })
      patchedFiles(patch).forEach((file, i) => {
        if (!existsSync(join(REPO_ROOT, file)) || readFileSync(join(REPO_ROOT, file), 'utf8') !== before[i]) {
          throw new Error(`reversing ${patch} in the copy changed the repository's own ${file}`)
        }
      })
    }
  }
})

/** A copy of the repository's sources with one variant's patches taken out, bundled exactly as dist/ is. */
function build(variant: Variant): string {
  const dir = join(WORK, variant.name.replace(/[^\w.+-]+/g, '-'))
  if (process.argv.includes('--reuse') && existsSync(join(dir, 'dist', 'index.js'))) {
    return join(dir, 'dist', 'index.js')
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  // Everything ncc reads: it type-checks every file tsconfig.json includes, tests and scripts too.
  for (const entry of readdirSync(REPO_ROOT)) {
    if (!['node_modules', '.git', 'dist', 'build', 'coverage'].includes(entry)) {
      cpSync(join(REPO_ROOT, entry), join(dir, entry), { recursive: true })
    }
  }
  execFileSync('cp', ['-al', join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules')])
  variant.remove(dir)
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: dir, stdio: 'ignore' })
  return join(dir, 'dist', 'index.js')
}

/** The files a patch changes, from its `+++ b/…` lines (a deleted file has none). */
function patchedFiles(patch: string): string[] {
  return [...readFileSync(join(PATCHES, patch), 'utf8').matchAll(/^\+\+\+ b\/(.+)$/gm)].map(m => m[1]!)
}

const patchFiles = readdirSync(PATCHES).filter(name => name.endsWith('.patch'))
/** BENCH_WITHOUT='a&b,c': sets of patches (file name prefixes) to take out together; default: each alone. */
const sets = (process.env.BENCH_WITHOUT ?? '')
  .split(',')
  .filter(Boolean)
  .map(set => set.split('&').map(prefix => patchFiles.find(name => name.startsWith(prefix.trim()))))
if (sets.some(set => set.some(name => name === undefined))) {
  throw new Error(`BENCH_WITHOUT names a patch that is not in patches/: ${process.env.BENCH_WITHOUT}`)
}
const variants =
  sets.length > 0
    ? sets.map(set => withoutPatches(set as string[]))
    : patchFiles.map(p => withoutPatches([p]))
console.log(`Building dist/ ${variants.map(v => v.name).join('; ')} (about a minute each)…`)
const builds: Record<string, string> = { 'everything (dist/)': join(REPO_ROOT, 'dist', 'index.js') }
for (const variant of variants) builds[variant.name] = build(variant)
const names = Object.keys(builds)

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const role = `arn:aws:iam::${seed.accountId}:role/deploy`
const ca = await createTestCa()
const tokens = await startTokenServer({ tls: ca.tls })
const fake = await startFakeAws(seed, { tls: ca.tls, oidcKeys: { [tokens.issuer]: tokens.jwks } })
const base = (hook: Record<string, string>) => ({ ...fake.env(), ...ca.env, ...hook })

const stored =
  (entry: string): Run =>
  hook =>
    runMain({
      entry,
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret
      },
      env: base(hook)
    })
const oidc =
  (entry: string): Run =>
  hook =>
    runMain({
      entry,
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': role },
      env: { ...base(hook), ...tokens.env }
    })

type Cell = 'stored, loopback' | 'OIDC, loopback' | 'stored, 100+100 ms' | 'OIDC, 100+100 ms'
const results: Record<string, Partial<Record<Cell, Sample>>> = Object.fromEntries(names.map(n => [n, {}]))
try {
  for (const latency of [0, 100]) {
    for (const server of [fake, tokens.network]) {
      server.latencyMs = latency
      server.handshakeMs = latency
    }
    const suffix = latency === 0 ? 'loopback' : '100+100 ms'
    for (const [source, runOf] of [
      ['stored', stored],
      ['OIDC', oidc]
    ] as const) {
      const rounds = await interleaved(
        { fake, tokens },
        RUNS,
        Object.fromEntries(names.map(n => [n, runOf(builds[n]!)]))
      )
      for (const n of names) results[n]![`${source}, ${suffix}` as Cell] = summarize(rounds[n]!)
    }
  }
} finally {
  await fake.close()
  await tokens.close()
  ca.close()
}

/** Peak RSS of the 10,000-user account audit (credential report path) with one build. */
async function auditRss(entry: string, large: Seed): Promise<number> {
  const server = await startFakeAws(large)
  try {
    return (await runAccountAudit(server, large.users[0]!.accessKeys[0]!, entry)).rssBytes
  } finally {
    await server.close()
  }
}

const large = generateLargeSeed({ users: 10_000 })
large.users.unshift({
  name: 'patch-bench-auditor',
  createdDaysAgo: 10,
  allowedActions: ['sts:GetCallerIdentity', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  accessKeys: [
    {
      id: 'AKIABENCHPATCHAUDIT1',
      secret: 'benchSecretKeyThatIsFortyCharactersLong0',
      status: 'Active',
      createdDaysAgo: 3,
      lastUsed: { daysAgo: 0, region: 'us-east-1', service: 'iam' }
    }
  ]
})
// One audit's peak RSS moves by ±15 MB from run to run (GC timing): the median of AUDIT_RUNS, interleaved.
const auditRuns: Record<string, number[]> = Object.fromEntries(names.map(n => [n, []]))
for (let i = 0; i < AUDIT_RUNS; i += 1)
  for (const n of names) auditRuns[n]!.push(await auditRss(builds[n]!, large))
const audits: Record<string, number> = Object.fromEntries(
  names.map(n => [n, [...auditRuns[n]!].sort((a, b) => a - b)[Math.floor(AUDIT_RUNS / 2)]!])
)

const cells: Cell[] = ['stored, 100+100 ms', 'OIDC, 100+100 ms', 'stored, loopback', 'OIDC, loopback']
const all = results[names[0]!]!
const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)} %`
console.log(`\n${RUNS} interleaved rounds per cell (medians of wall; peak RSS: highest of the four cells)\n`)
console.log(`| build | ${cells.join(' | ')} | peak RSS | audit peak RSS (10,000 users) | verdict |`)
console.log(`|---|${cells.map(() => '---').join('|')}|---|---|---|`)
for (const n of names) {
  const r = results[n]!
  const rss = Math.max(...cells.map(c => r[c]!.rssBytes))
  const allRss = Math.max(...cells.map(c => all[c]!.rssBytes))
  const walls = cells.map(c => `${r[c]!.wallMs.toFixed(0)} ms (${pct(r[c]!.wallMs, all[c]!.wallMs)})`)
  const slower = Math.max(
    ...(['stored, 100+100 ms', 'OIDC, 100+100 ms'] as const).map(c => r[c]!.wallMs / all[c]!.wallMs - 1)
  )
  const heavier = Math.max(rss - allRss, audits[n]! - audits[names[0]!]!)
  const verdict =
    n === names[0]
      ? '(reference)'
      : slower >= PAYS.wallShare || heavier >= PAYS.rssBytes
        ? `pays: keep (${slower >= PAYS.wallShare ? `${(slower * 100).toFixed(1)} % wall` : `${mb(heavier)} RSS`})`
        : 'does not pay: remove'
  console.log(
    `| ${n} | ${walls.join(' | ')} | ${mb(rss)} (${pct(rss, allRss)}) | ${mb(audits[n]!)} (${auditRuns[n]!.map(b => mb(b)).join(', ')}) | ${verdict} |`
  )
}
