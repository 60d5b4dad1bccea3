import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import type { Settings } from './inputs.js'
import { credentialSource } from './auth/credential-source.js'
import { fetchGitHubToken } from './auth/oidc-token.js'
import { isTemporaryKeyId } from './aws/access-key-id.js'
import { preconnect } from './aws/connections.js'
import { proxyAgent } from './aws/http-agent.js'
import { expectedEndpoint, type Service } from './aws/expected-endpoint.js'

type Env = Readonly<Record<string, string | undefined>>

/** What the run started before the SDK was loaded, for the stages that finish it. */
export interface HeadStart {
  /** The GitHub OIDC token request (GitHub OIDC only), already in flight. */
  readonly githubToken?: Promise<string>
  /**
   * Resolves once the connects have been handed to the OS and the token request (if any) is written.
   * Node issues a connect on a later tick, and a dynamic import can compile and evaluate its whole chunk
   * before that tick comes: awaited before the pipeline is imported, so the SDK's parse overlaps the
   * network instead of going first.
   */
  readonly started?: Promise<void>
}

/**
 * How many connections each service will need at once: STS carries the assume call and then
 * GetCallerIdentity, one after the other; IAM carries the users and key-age checks side by side.
 */
export function plannedConnections(settings: Settings): Readonly<Record<Service, number>> {
  const agesKey =
    settings.checks.includes('key-age') &&
    settings.accessKeyId !== undefined &&
    !isTemporaryKeyId(settings.accessKeyId)
  return {
    sts: 1,
    iam: (settings.checks.includes('users') ? 1 : 0) + (agesKey ? 1 : 0),
    ec2: settings.checks.includes('regions') ? 1 : 0
  }
}

/**
 * Starts the run's first network work, before the SDK and the rest of the pipeline are loaded (their
 * parse then overlaps it): the GitHub OIDC token request, and connections to the endpoints of the calls
 * to come. With stored keys no request leaves here (signing needs the SDK): only the connections do.
 */
export function startHeadStart(settings: Settings, env: Env = process.env): HeadStart {
  const source = credentialSource(settings, env)
  // use-existing-credentials may not need the token at all: it is requested when it is known to be needed.
  const token =
    source === 'web-identity' && !settings.useExistingCredentials
      ? watchHandshake(() => fetchGitHubToken(settings.audience, env, settings.retryMaxAttempts))
      : undefined
  const githubToken = token?.request
  // Awaited, and its failure reported, by the web identity provider; until then, not unhandled.
  githubToken?.catch(() => undefined)

  const byOrigin = new Map<string, number>()
  for (const [service, count] of Object.entries(plannedConnections(settings)) as [Service, number][]) {
    const origin = expectedEndpoint(service, settings.region, env)
    if (origin !== undefined && count > 0) byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + count)
  }
  // Through a proxy the agent opens its own tunnels: connections opened ahead would go around it.
  if (proxyAgent() === undefined) for (const [origin, count] of byOrigin) preconnect(origin, count)
  // The token request's handshake needs the event loop at each step, so the pipeline's parse waits for
  // it; the parse then overlaps the request's round trip instead. Connections alone need no wait:
  // setImmediate runs after the pending ticks (their connects) and the I/O poll.
  const started = (token?.handshake ?? Promise.resolve()).then(
    () => new Promise<void>(resolve => setImmediate(resolve))
  )
  return { githubToken, started }
}

/**
 * Starts `request` and watches the first client socket it creates (Node's `net.client.socket` channel):
 * `handshake` resolves when that socket has finished its TLS (or TCP) handshake, or fails, or when the
 * request settles first. The channel is subscribed before the request starts, because the request's
 * socket is created synchronously, inside the call.
 */
function watchHandshake<T>(request: () => Promise<T>): { request: Promise<T>; handshake: Promise<void> } {
  let finish!: () => void
  const handshake = new Promise<void>(resolve => (finish = resolve))
  const done = () => {
    unsubscribe('net.client.socket', onSocket)
    finish()
  }
  const onSocket = (message: unknown) => {
    unsubscribe('net.client.socket', onSocket)
    const socket = (message as { socket: Socket }).socket
    socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', done)
    socket.once('close', done)
  }
  subscribe('net.client.socket', onSocket)
  const started = request()
  started.then(done, done)
  return { request: started, handshake }
}
