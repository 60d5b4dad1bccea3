import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import * as core from '@actions/core'
import type { ClientRequest } from 'node:http'
import type { Settings } from '../inputs/settings.js'
import type { HeadStart } from '../auth/head-start-requests.js'
import { credentialSource, type SourceSettings } from '../auth/credential-source.js'
import type { StoredKeySettings } from '../auth/stored-keys.js'
import type { ClientSettings } from '../aws/clients.js'
import { fetchGitHubToken } from '../auth/oidc-token.js'
import { isTemporaryKeyId } from '../aws/access-key-id.js'
import { CHECK_SERVICES } from '../aws/check-services.js'
import { preconnect } from '../aws/connections.js'
import { proxyAgent } from '../aws/http-agent.js'
import { expectedEndpoint, ignoredVariantSettings, type Service } from '../aws/expected-endpoint.js'
import { configFileSetsVariant } from '../aws/config-file-variant.js'

type Env = Readonly<Record<string, string | undefined>>

/**
 * What the head start reads: the checks and region (which connections), the source and its keys (which
 * first request), and what that request needs.
 */
export type HeadStartSettings = Pick<Settings, 'checks' | 'useExistingCredentials' | 'audience'> &
  SourceSettings &
  StoredKeySettings &
  ClientSettings

/**
 * How many connections each service will need at once: STS carries the assume call and then
 * GetCallerIdentity, one after the other; each check the table opens ahead (checks/check-services.ts)
 * needs one of its own, e.g. IAM carries the users and key-age checks side by side.
 */
export function plannedConnections(
  settings: Pick<Settings, 'checks' | 'accessKeyId'>
): Readonly<Record<Service, number>> {
  const agesKey =
    settings.checks.includes('key-age') &&
    settings.accessKeyId !== undefined &&
    !isTemporaryKeyId(settings.accessKeyId)
  const planned: Record<Service, number> = { sts: 1, iam: 0, ec2: 0 }
  for (const name of settings.checks) {
    const { service, openedAhead } = CHECK_SERVICES[name]
    if (openedAhead && (name !== 'key-age' || agesKey)) planned[service] += 1
  }
  return planned
}

/** After the pending ticks (where Node issues the connects) and the I/O poll. */
const connectsIssued = () => new Promise<void>(resolve => setImmediate(resolve))

/**
 * Starts the run's first network work, before the pipeline is loaded (its parse then overlaps it):
 * connections to the endpoints of the calls to come, and the first request. With GitHub OIDC that is the
 * token request, sent before any of the SDK is loaded. With stored keys it is GetCallerIdentity: signing
 * needs the SDK, so STS alone is loaded for it first.
 */
export function startHeadStart(settings: HeadStartSettings, env: Env = process.env): HeadStart {
  for (const name of ignoredVariantSettings(env)) {
    core.warning(
      `${name} is '${env[name]}', which the AWS SDK ignores: it turns the variant on only when exactly 'true'. The standard endpoints are used.`
    )
  }
  const byOrigin = new Map<string, number>()
  for (const [service, count] of Object.entries(plannedConnections(settings)) as [Service, number][]) {
    const origin = expectedEndpoint(service, settings.region, env, settings.stsEndpoint)
    if (origin !== undefined && count > 0) byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + count)
  }
  // Through a proxy the agent opens its own tunnels: connections opened ahead would go around it. A
  // variant turned on only in the shared config file leaves the endpoint to the SDK: no guess.
  const guess = proxyAgent() === undefined && !configFileSetsVariant(env)
  if (guess) for (const [origin, count] of byOrigin) preconnect(origin, count)

  const source = credentialSource(settings, env)
  // use-existing-credentials may need neither: the job's own credentials are tried first.
  const existing = settings.useExistingCredentials
  const token =
    source === 'web-identity' && !existing
      ? watchFirstRequest(() => fetchGitHubToken(settings.audience, env, settings.retryMaxAttempts))
      : undefined
  const identity =
    source === 'stored-keys' && !existing
      ? watchFirstRequest(async () => {
          // Node compiles an imported chunk synchronously: the connects go out first.
          await connectsIssued()
          const { storedKeysIdentity } = await import('../auth/caller-identity.js')
          return storedKeysIdentity(settings)
        })
      : undefined
  // Awaited, and a failure reported, by the provider or the identity check; until then, not unhandled.
  token?.call.catch(() => undefined)
  identity?.call.catch(() => undefined)
  // Connections alone need no wait: setImmediate runs after the pending ticks (their connects) and the
  // I/O poll.
  const started = (token?.sent ?? identity?.sent ?? Promise.resolve()).then(connectsIssued)
  return { githubToken: token?.call, callerIdentity: identity?.call, started }
}

/**
 * Starts `call` and watches the first HTTP request it makes (Node's `http.client.request.start`
 * channel): `sent` resolves when that request has been handed to the OS (its connection's handshake
 * done), or fails, or when the call settles first. The channel is subscribed before the call starts,
 * because a request can be created synchronously, inside the call.
 */
function watchFirstRequest<T>(call: () => Promise<T>): { call: Promise<T>; sent: Promise<void> } {
  let finish!: () => void
  const sent = new Promise<void>(resolve => (finish = resolve))
  const done = () => {
    unsubscribe('http.client.request.start', onRequest)
    finish()
  }
  const onRequest = (message: unknown) => {
    unsubscribe('http.client.request.start', onRequest)
    const request = (message as { request: ClientRequest }).request
    request.once('finish', done)
    request.once('close', done)
  }
  subscribe('http.client.request.start', onRequest)
  const started = call()
  started.then(done, done)
  return { call: started, sent }
}
