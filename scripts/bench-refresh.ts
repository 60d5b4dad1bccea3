// npm run bench:refresh: the refresh-credentials budgets (docs/performance.md) through the bundled
// action (dist/) against the local fake AWS:
// - the endpoint's latency with 50 concurrent clients, each on its own keep-alive connection
//   (scripts/bench/credential-load.ts): in bursts (all 50 ask at once, as SDK clients starting together
//   do; the first burst, on a cold JIT, apart) and sustained (each asks again as soon as it is answered:
//   the endpoint saturated); budget p99 ≤ 5 ms. Measured as the endpoint is 44 minutes of every 45 (no
//   renewal due), then again while it renews every 2 s (4-second sessions). The same load on a bare node
//   http server is the floor under both: what any Node endpoint costs here;
// - the endpoint process's memory (VmRSS from /proc, and the part that is its own) once it has renewed a
//   session, budget ≤ 40 MB, beside the floor server's after the same load;
// - the main step's wall time with and without refresh-credentials (stored keys + role, medians of
//   BENCH_RUNS runs, alternating), budget ≤ 150 ms slower.
// Also the endpoint's CPU time per request (from /proc/<pid>/stat), which machine load does not change.
// Linux only (reads /proc). The lead measures on a quiet machine.
import { readFileSync } from 'node:fs'
import { get } from 'node:http'
import { bursts, CLIENTS, startBareServer, sustained, type Endpoint } from './bench/credential-load.js'
import { loadSeed, seedKey, startFakeAws } from '../test/fake-aws/index.js'
import { runMain, runPost, type RunResult } from '../test/runner/index.js'
import { setTimeout as sleep } from 'node:timers/promises'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const LOAD_MS = Number(process.env.BENCH_LOAD_MS ?? 3_000)
/** Round-trip time of every AWS answer: the endpoint's start overlaps the step's calls. */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0)

const seed = loadSeed()
const assumer = seedKey(seed, 'ci-assumer')
const fake = await startFakeAws(seed, { latencyMs: LATENCY_MS })
const inputs = (refresh: boolean) => ({
  'aws-region': 'eu-west-1',
  'aws-access-key-id': assumer.id,
  'aws-secret-access-key': assumer.secret,
  'role-to-assume': 'arn:aws:iam::123456789012:role/ci-target',
  'role-external-id': 'octo-external-42',
  checks: 'identity',
  'refresh-credentials': String(refresh)
})

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const percentile = (values: number[], p: number): string =>
  `${[...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!.toFixed(2)} ms`
/** CPU time the process has used (user + system), in ms: its cost per request, whatever the load. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/**
 * The process's resident memory: all of it (VmRSS), and the part that is its own (RssAnon: heap, stacks)
 * as opposed to the node binary's pages mapped from the file (RssFile, shared with every other node 24
 * process on the machine and dropped by the kernel under pressure at no cost).
 */
function rss(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const mb = (field: string): string =>
    (Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) / 1024).toFixed(1)
  return `${mb('VmRSS')} MB (own ${mb('RssAnon')} MB, node binary ${mb('RssFile')} MB)`
}

async function step(refresh: boolean): Promise<RunResult> {
  const result = await runMain({ inputs: inputs(refresh), env: fake.env() })
  if (result.exitCode !== 0) throw new Error(`a measured run failed:\n${result.stdout}`)
  return result
}

function endpointOf(main: RunResult): Endpoint {
  return {
    url: new URL(main.exportedEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI!),
    token: main.exportedEnv.AWS_CONTAINER_AUTHORIZATION_TOKEN!
  }
}

/** The endpoint's answer with every value replaced by x's of the same length: the floor's body. */
function answerShape(endpoint: Endpoint): Promise<string> {
  return new Promise((resolve, reject) => {
    get(endpoint.url, { headers: { Authorization: endpoint.token } }, res => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => {
        const fields = JSON.parse(body) as Record<string, string>
        resolve(
          JSON.stringify(
            Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, 'x'.repeat(v.length)]))
          )
        )
      })
    }).on('error', reject)
  })
}

/** Bursts, then sustained load, on `endpoint`; the CPU the process `pid` spent per sustained request. */
async function load(endpoint: Endpoint, pid: number) {
  const burst = await bursts(endpoint)
  const cpuBefore = cpuMs(pid)
  const steady = await sustained(endpoint, LOAD_MS)
  return { burst, steady, cpuPerRequestUs: ((cpuMs(pid) - cpuBefore) * 1000) / steady.length }
}

try {
  console.log(`Refresh bench: ${CLIENTS} clients; ${RUNS} steps each way, ${LATENCY_MS} ms per AWS answer`)
  // Step time, alternating so machine load falls on both alike.
  const walls: Record<'plain' | 'refresh', number[]> = { plain: [], refresh: [] }
  await step(false) // warm the file cache
  for (let run = 0; run < RUNS; run++) {
    for (const refresh of [false, true]) {
      fake.reset()
      const result = await step(refresh)
      walls[refresh ? 'refresh' : 'plain'].push(result.durationMs)
      if (refresh) await runPost({ main: result })
    }
  }

  // The endpoint as it is 44 minutes of every 45: serving, no renewal due (hour-long sessions).
  fake.reset()
  const calm = await step(true)
  const calmPid = (JSON.parse(calm.state['refresh-endpoint']!) as { pid: number }).pid
  const calmEndpoint = endpointOf(calm)
  const rssStarted = rss(calmPid)
  const measured = await load(calmEndpoint, calmPid)
  const body = await answerShape(calmEndpoint)
  await runPost({ main: calm })

  // The same load while it renews every 2 s (4-second sessions), then its memory after a renewal.
  fake.reset()
  fake.sessionLifetimeMs = 4_000
  const busy = await step(true)
  const { pid } = JSON.parse(busy.state['refresh-endpoint']!) as { pid: number }
  const sessionsBefore = fake.sessions.length
  const renewing = await load(endpointOf(busy), pid)
  const rssLoaded = rss(pid)
  const renewed = fake.sessions.length - sessionsBefore
  for (let waited = 0; fake.sessions.length === sessionsBefore + renewed && waited < 10_000; waited += 100) {
    await sleep(100)
  }
  await sleep(500)
  const rssRenewed = rss(pid)
  fake.sessionLifetimeMs = undefined
  await runPost({ main: busy })

  const bare = await startBareServer(body)
  const floor = await load(bare.endpoint, bare.pid)
  await sleep(500)
  const rssFloor = rss(bare.pid)
  bare.stop()

  const plain = median(walls.plain)
  const refreshed = median(walls.refresh)
  const rows: [string, string, string][] = [
    [
      'first burst: slowest',
      percentile(measured.burst.first, 100),
      `floor ${percentile(floor.burst.first, 100)}`
    ],
    ['bursts of 50: p50', percentile(measured.burst.warm, 50), `floor ${percentile(floor.burst.warm, 50)}`],
    [
      'bursts of 50: p99',
      percentile(measured.burst.warm, 99),
      `floor ${percentile(floor.burst.warm, 99)}; ≤ 5 ms`
    ],
    ['sustained: p50', percentile(measured.steady, 50), `floor ${percentile(floor.steady, 50)}`],
    ['sustained: p99', percentile(measured.steady, 99), `floor ${percentile(floor.steady, 99)}; ≤ 5 ms`],
    [
      'sustained: served',
      `${Math.round(measured.steady.length / (LOAD_MS / 1000))}/s`,
      `floor ${Math.round(floor.steady.length / (LOAD_MS / 1000))}/s`
    ],
    [
      'CPU per request',
      `${measured.cpuPerRequestUs.toFixed(0)} µs`,
      `floor ${floor.cpuPerRequestUs.toFixed(0)} µs`
    ],
    ['renewing every 2 s:', `${renewed} renewals during the load`, ''],
    ['  bursts p99', percentile(renewing.burst.warm, 99), ''],
    ['  sustained p99', percentile(renewing.steady, 99), ''],
    ['RSS at start', rssStarted, ''],
    ['RSS after the load', rssLoaded, ''],
    ['RSS after a renewal', rssRenewed, '≤ 40 MB'],
    ['floor RSS, same load', rssFloor, ''],
    ['step without refresh', `${Math.round(plain)} ms`, ''],
    ['step with refresh', `${Math.round(refreshed)} ms`, ''],
    ['difference', `${Math.round(refreshed - plain)} ms`, '≤ 150 ms']
  ]
  for (const [what, value, budget] of rows) console.log(`${what.padEnd(22)} ${value.padEnd(52)} ${budget}`)
} finally {
  await fake.close()
}
