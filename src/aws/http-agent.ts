import type { Agent } from 'node:http'
import { getProxyForUrl } from 'proxy-from-env'
import type { NetworkSettings } from '../inputs/network-inputs.js'

type Env = Record<string, string | undefined>

/**
 * How long a connection may take to open, and how long an open connection may stay silent. A black-holed
 * endpoint (accepts, never answers) is given up after REQUEST_TIMEOUT_MS, and a call that timed out is
 * tried at most twice (aws/retry-strategy.ts), so it fails well within 90 s; an endpoint that answers in a
 * few seconds is far from either limit.
 */
export const CONNECTION_TIMEOUT_MS = 5_000
export const REQUEST_TIMEOUT_MS = 20_000

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']

/**
 * Makes the http-proxy and no-proxy inputs the proxy settings of this process, in the standard variables
 * every client here reads (proxy-from-env for AWS calls and the token request). Only this step's process
 * sees them: nothing is exported to later steps. Empty inputs leave HTTPS_PROXY / HTTP_PROXY / NO_PROXY as
 * the runner set them.
 */
export function applyProxyInputs(
  settings: Pick<NetworkSettings, 'httpProxy' | 'noProxy'>,
  env: Env = process.env
): void {
  if (settings.httpProxy !== undefined) {
    for (const name of PROXY_VARIABLES.slice(0, 4)) env[name] = settings.httpProxy
  }
  if (settings.noProxy !== undefined) {
    env.no_proxy = env.NO_PROXY = settings.noProxy.join(',')
  }
}

/** The proxy a request to `url` goes through ('' for none), by the standard variables' rules. */
export function proxyFor(url: string): string {
  return getProxyForUrl(url)
}

let shared: Agent | undefined

/**
 * Sets up the one agent every request of the step uses when a proxy is configured: it picks, per request,
 * the proxy (or none, for no-proxy hosts). `proxy-agent` is imported only then, so runs without a proxy
 * do not parse it. Without any proxy variable the SDK's own agents are used unchanged.
 */
export async function prepareProxyAgent(env: Env = process.env): Promise<void> {
  if (shared || !PROXY_VARIABLES.some(name => env[name])) return
  const { ProxyAgent } = await import('proxy-agent')
  // No keep-alive: http-proxy-agent writes a reused socket's next request in origin form ("POST /"),
  // which a forwarding proxy cannot route, and the call then waits for the request timeout.
  shared = new ProxyAgent({ keepAlive: false, getProxyForUrl: (url: string) => getProxyForUrl(url) })
}

/** The proxy inputs applied to this process, and the proxy agent ready: called once, before any request. */
export async function setUpNetwork(
  settings: Pick<NetworkSettings, 'httpProxy' | 'noProxy'>,
  env: Env = process.env
): Promise<void> {
  applyProxyInputs(settings, env)
  await prepareProxyAgent(env)
}

/** The agent set up by {@link prepareProxyAgent}; undefined without a proxy. */
export function proxyAgent(): Agent | undefined {
  return shared
}
