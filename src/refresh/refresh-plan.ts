import type { NetworkSettings } from '../inputs/network-inputs.js'
import type { AssumeRoleSettings } from '../auth/assume-role.js'
import type { StoredKeySettings } from '../auth/stored-keys.js'
import type { AwsCredentials, CredentialSource, ObtainedCredentials } from '../auth/credentials.js'
import { environmentCredentials } from '../auth/role-chaining.js'
import type { EndpointSecrets } from './endpoint.js'
import { ActionError } from '../runtime/action-error.js'

type Env = Readonly<Record<string, string | undefined>>

/** The sources the endpoint can renew (refresh-inputs.ts refuses the others before any call). */
export type RenewableSource = Extract<
  CredentialSource,
  'web-identity' | 'web-identity-file' | 'assume-role' | 'role-chaining'
>

/** Where role-chaining's source credentials are read again at each renewal. */
export type ChainSource =
  | { readonly kind: 'keys'; readonly credentials: AwsCredentials }
  /** An earlier step's refresh endpoint: chaining stays renewable as long as that one is. */
  | { readonly kind: 'endpoint'; readonly url: string; readonly token: string }

/**
 * What the renewal routes read of the settings (renew-route.ts): the role and its session, the clients'
 * region and retries, the stored keys (AssumeRole) and the proxy.
 */
export type RenewalSettings = AssumeRoleSettings &
  StoredKeySettings &
  Pick<NetworkSettings, 'httpProxy' | 'noProxy'>

/**
 * Every field of RenewalSettings, once: the compiler refuses a missing or an unknown one, so what crosses
 * the pipe is exactly what the routes read, and nothing else of the job's settings (the GitHub token,
 * the rotation's and the audit's inputs) ever reaches the endpoint process.
 */
const RENEWAL_FIELDS: { readonly [K in keyof RenewalSettings]-?: true } = {
  region: true,
  accessKeyId: true,
  secretAccessKey: true,
  sessionToken: true,
  roleToAssume: true,
  roleSessionName: true,
  roleDurationSeconds: true,
  roleExternalId: true,
  roleChaining: true,
  roleSkipSessionTagging: true,
  audience: true,
  webIdentityTokenFile: true,
  inlineSessionPolicy: true,
  managedSessionPolicies: true,
  transitiveTagKeys: true,
  customTags: true,
  specialCharactersWorkaround: true,
  retryMaxAttempts: true,
  stsEndpoint: true,
  httpProxy: true,
  noProxy: true
}

/** The renewal's part of the job's settings, as a new object of exactly those fields. */
export function renewalSettings(settings: RenewalSettings): RenewalSettings {
  return Object.fromEntries(
    Object.keys(RENEWAL_FIELDS).map(name => [name, settings[name as keyof RenewalSettings]])
  ) as unknown as RenewalSettings
}

/** A session as it crosses the pipe (JSON): the expiration as epoch ms. */
export interface PlainSession {
  readonly credentials: AwsCredentials
  readonly obtainedAt: number
  readonly expiresAt: number
}

/**
 * Everything the endpoint process is handed through its pipe, and nothing else: it is the only way a
 * secret reaches that process (never argv, its environment or a file).
 */
export interface RefreshPlan {
  readonly source: RenewableSource
  /** The inputs the renewal route reads; the GitHub token (rotation) is left out. */
  readonly settings: RenewalSettings
  /** What the route reads from the job's environment: the GitHub context, the OIDC request, proxies. */
  readonly env: Record<string, string>
  readonly chainSource?: ChainSource
  readonly first: PlainSession
  readonly endpoint: EndpointSecrets
  /** Where the process writes its status (no secret) for the post step's report. */
  readonly statusFile: string
}

/** The job variables the renewal routes read: session tags, the OIDC request, the workspace, proxies. */
const ROUTE_VARIABLES =
  /^(GITHUB_(REPOSITORY|WORKFLOW|ACTION|ACTOR|SHA|REF|WORKSPACE)|ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)|(https?|all|no)_proxy|(HTTPS?|ALL|NO)_PROXY)$/

export function routeEnvironment(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => {
      const [name, value] = entry
      return value !== undefined && value !== '' && ROUTE_VARIABLES.test(name)
    })
  )
}

/** Role-chaining's source as the step found it: exported keys, or an earlier step's endpoint. */
export function chainSourceOf(env: Env): ChainSource | undefined {
  const keys = environmentCredentials(env)
  if (keys) return { kind: 'keys', credentials: keys }
  const url = env.AWS_CONTAINER_CREDENTIALS_FULL_URI
  const token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN
  return url && token ? { kind: 'endpoint', url, token } : undefined
}

/**
 * What role-chaining renews with: what the step found in the environment, else the long-lived key the
 * SDK's chain found (a profile's). Sessions from instance or container metadata cannot be handed over.
 */
function chainSourceFor(obtained: ObtainedCredentials, env: Env): ChainSource {
  const found = chainSourceOf(env)
  if (found) return found
  if (obtained.longLivedKey) return { kind: 'keys', credentials: obtained.longLivedKey }
  throw new ActionError(
    "refresh-credentials with role-chaining assumes the role again with the source credentials, but these came from the runner's own provider chain (instance or container metadata), which the endpoint process is not given. Export them in an earlier step (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or this action with refresh-credentials), or remove refresh-credentials."
  )
}

export function isRenewable(source: CredentialSource): source is RenewableSource {
  return ['web-identity', 'web-identity-file', 'assume-role', 'role-chaining'].includes(source)
}

export function buildPlan(
  settings: RenewalSettings,
  obtained: ObtainedCredentials,
  env: Env,
  endpoint: EndpointSecrets,
  statusFile: string,
  now: number
): RefreshPlan {
  const { source, credentials } = obtained
  if (!isRenewable(source) || credentials.expiration === undefined) {
    throw new Error(`refresh-credentials cannot renew credentials from ${source}`)
  }
  return {
    source,
    settings: renewalSettings(settings),
    env: routeEnvironment(env),
    chainSource: source === 'role-chaining' ? chainSourceFor(obtained, env) : undefined,
    first: {
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken
      },
      obtainedAt: now,
      expiresAt: credentials.expiration.getTime()
    },
    endpoint,
    statusFile
  }
}
