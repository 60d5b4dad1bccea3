// One measured run of a bundle (the action or a baseline) against the local endpoints, and the
// medians over many. Every number comes from outside the measured process: the harness's clock, the
// servers' logs of connections and requests, and the peak-RSS hook.
import type { FakeAws } from '../../test/fake-aws/index.js'
import type { TokenServer } from '../../test/oidc/token-server.js'
import type { RunResult } from '../../test/runner/index.js'
import { withPeakRss } from './peak-rss.js'

export interface Endpoints {
  readonly fake: FakeAws
  readonly tokens: TokenServer
}

export type Run = (env: Record<string, string>) => Promise<RunResult>

export interface Sample {
  /** Process start to exit. */
  wallMs: number
  /** Process start to the first request that reached a server (token server or AWS). */
  firstRequestMs: number
  /** Process start to the first connection a server accepted. */
  firstConnectionMs: number
  rssBytes: number
  /** The token request (when made) plus the longest chain of AWS calls that waited for each other. */
  roundTrips: number
  /** New connections the servers accepted: each paid a handshake. */
  handshakes: number
  /** Requests the servers answered. */
  calls: number
}

export async function measure({ fake, tokens }: Endpoints, run: Run): Promise<Sample> {
  fake.requests.length = 0
  fake.connections.length = 0
  tokens.requests.length = 0
  tokens.network.accepted.length = 0
  tokens.network.arrived.length = 0
  const { result, rssBytes } = await withPeakRss(run)
  if (result.exitCode !== 0) throw new Error(`a measured run failed:\n${result.stdout}\n${result.stderr}`)
  const arrivals = [...fake.requests.map(r => r.startMs), ...tokens.network.arrived]
  const accepted = [...fake.connections, ...tokens.network.accepted]
  return {
    wallMs: result.durationMs,
    firstRequestMs: Math.min(...arrivals) - result.startedAtMs,
    firstConnectionMs: Math.min(...accepted) - result.startedAtMs,
    rssBytes,
    roundTrips: tokens.requests.length + fake.sequentialRoundTrips(),
    handshakes: accepted.length,
    calls: fake.requests.length + tokens.requests.length
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Medians of every timing and count; the highest RSS and round-trip count seen. */
export function summarize(samples: readonly Sample[]): Sample {
  const of = (key: keyof Sample) => samples.map(s => s[key])
  return {
    wallMs: median(of('wallMs')),
    firstRequestMs: median(of('firstRequestMs')),
    firstConnectionMs: median(of('firstConnectionMs')),
    rssBytes: Math.max(...of('rssBytes')),
    roundTrips: Math.max(...of('roundTrips')),
    handshakes: median(of('handshakes')),
    calls: median(of('calls'))
  }
}

/**
 * The middle half of the per-round ratios of `a` to `b` (round i of each ran side by side): how far one
 * bench run's ratio of medians could move on this machine.
 */
export function ratioSpread(a: readonly Sample[], b: readonly Sample[]): { low: number; high: number } {
  const ratios = a.map((sample, i) => sample.wallMs / b[i]!.wallMs).sort((x, y) => x - y)
  const at = (quantile: number) => ratios[Math.round(quantile * (ratios.length - 1))]!
  return { low: at(0.25), high: at(0.75) }
}

/**
 * `runs` measured runs of each bundle, interleaved (a, b, c, a, b, c, …) so that a noisy neighbour
 * slows every bundle alike, after one unmeasured run of each to warm the file cache. Each bundle's
 * samples, in round order.
 */
export async function interleaved<K extends string>(
  endpoints: Endpoints,
  runs: number,
  bundles: Readonly<Record<K, Run>>
): Promise<Record<K, Sample[]>> {
  const names = Object.keys(bundles) as K[]
  const samples = Object.fromEntries(names.map(name => [name, [] as Sample[]])) as Record<K, Sample[]>
  for (let i = -1; i < runs; i += 1) {
    for (const name of names) {
      const sample = await measure(endpoints, bundles[name])
      if (i >= 0) samples[name].push(sample)
    }
  }
  return samples
}
