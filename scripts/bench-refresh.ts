// npm run bench:refresh: the refresh-credentials budgets (docs/performance.md) through the bundled
// action (dist/) against the local fake AWS:
// - the endpoint's latency with 50 concurrent clients, each on its own keep-alive connection: in bursts
//   (all 50 ask at once, as SDK clients starting together do), budget p99 ≤ 5 ms; and sustained (each
//   asks again as soon as it is answered: the endpoint saturated, latency mostly queueing);
// - the endpoint process's RSS (VmRSS from /proc) once it has renewed a session (the SDK loaded),
//   budget ≤ 40 MB;
// - the main step's wall time with and without refresh-credentials (stored keys + role, medians of
//   BENCH_RUNS runs, alternating), budget ≤ 150 ms slower.
// Also the endpoint's CPU time per request (from /proc/<pid>/stat), which machine load does not change.
// Linux only (reads /proc). The lead measures on a quiet machine.
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { loadSeed, seedKey, startFakeAws } from '../test/fake-aws/index.js'
import { runMain, runPost, type RunResult } from '../test/runner/index.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const CLIENTS = 50
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
const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
/** CPU time the process has used (user + system), in ms: its cost per request, whatever the load. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/**
 * The process's resident memory: all of it (VmRSS), and the part that is its own (RssAnon: heap, stacks)
 * as opposed to the node binary's pages mapped from the file (RssFile, ~38 MB for any node 24 process,
 * shared with every other node process on the machine).
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

/** One GET on `agent`'s connection; its latency in ms. */
function get(url: URL, token: string, agent: Agent): Promise<number> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Authorization: token } }, res => {
      res.resume()
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - started)
          : reject(new Error(`HTTP ${res.statusCode}`))
      )
    })
    req.on('error', reject)
    req.end()
  })
}

/**
 * 50 clients, each on its own keep-alive connection, each asking again as soon as it is answered, for
 * LOAD_MS: the endpoint saturated, so latency is mostly queueing behind the others.
 */
async function sustained(url: URL, token: string): Promise<number[]> {
  const until = performance.now() + LOAD_MS
  const client = async (): Promise<number[]> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const latencies: number[] = []
    while (performance.now() < until) latencies.push(await get(url, token, agent))
    agent.destroy()
    return latencies
  }
  return (await Promise.all(Array.from({ length: CLIENTS }, client))).flat()
}

/** 50 clients asking at the same moment (50 SDK clients starting together), 100 times, 20 ms apart. */
async function bursts(url: URL, token: string): Promise<number[]> {
  const agents = Array.from({ length: CLIENTS }, () => new Agent({ keepAlive: true, maxSockets: 1 }))
  const latencies: number[] = []
  for (let round = 0; round < 100; round++) {
    latencies.push(...(await Promise.all(agents.map(agent => get(url, token, agent)))))
    await sleep(20)
  }
  for (const agent of agents) agent.destroy()
  return latencies.slice(CLIENTS) // the first round opened the connections
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

  // The endpoint under load, then after a renewal (4-second sessions), with its RSS.
  fake.reset()
  fake.sessionLifetimeMs = 4_000
  const main = await step(true)
  const { pid } = JSON.parse(main.state['refresh-endpoint']!) as { pid: number }
  const url = new URL(main.exportedEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI!)
  const token = main.exportedEnv.AWS_CONTAINER_AUTHORIZATION_TOKEN!
  const rssStarted = rss(pid)
  const burst = await bursts(url, token)
  const cpuBefore = cpuMs(pid)
  const latencies = await sustained(url, token)
  const cpuPerRequest = ((cpuMs(pid) - cpuBefore) * 1000) / latencies.length
  const rssLoaded = rss(pid)
  const sessions = fake.sessions.length
  for (let waited = 0; fake.sessions.length < sessions + 1 && waited < 10_000; waited += 100) await sleep(100)
  await sleep(500)
  const rssRenewed = rss(pid)
  fake.sessionLifetimeMs = undefined
  await runPost({ main })

  const plain = median(walls.plain)
  const refreshed = median(walls.refresh)
  const rows: [string, string, string][] = [
    ['bursts of 50: p50', `${percentile(burst, 50).toFixed(2)} ms`, ''],
    ['bursts of 50: p99', `${percentile(burst, 99).toFixed(2)} ms`, '≤ 5 ms'],
    ['sustained: p50', `${percentile(latencies, 50).toFixed(2)} ms`, ''],
    ['sustained: p99', `${percentile(latencies, 99).toFixed(2)} ms`, ''],
    ['endpoint CPU/request', `${cpuPerRequest.toFixed(0)} µs`, ''],
    ['sustained: served', `${latencies.length} (${Math.round(latencies.length / (LOAD_MS / 1000))}/s)`, ''],
    ['RSS at start', rssStarted, ''],
    ['RSS after the load', rssLoaded, ''],
    ['RSS after a renewal', rssRenewed, '≤ 40 MB'],
    ['step without refresh', `${Math.round(plain)} ms`, ''],
    ['step with refresh', `${Math.round(refreshed)} ms`, ''],
    ['difference', `${Math.round(refreshed - plain)} ms`, '≤ 150 ms']
  ]
  for (const [what, value, budget] of rows) console.log(`${what.padEnd(22)} ${value.padEnd(52)} ${budget}`)
} finally {
  await fake.close()
}
