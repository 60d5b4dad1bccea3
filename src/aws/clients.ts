import { STSClient } from '@aws-sdk/client-sts'
import type { MetadataBearer, MiddlewareStack } from '@smithy/types'
import type { AwsCredentials } from './aws-credentials.js'
import type { CheckName, Settings } from '../inputs/settings.js'
import { servicesOf } from './check-services.js'
import { requestHandlerOptions } from './connections.js'
import { ActionRetryStrategy, type TransientErrorTest } from './retry-strategy.js'

/** What every client needs: where, as whom, and how hard to retry. */
export interface ClientOptions {
  readonly region: string
  /** Omitted only for calls AWS accepts unsigned (AssumeRoleWithWebIdentity). */
  readonly credentials?: AwsCredentials
  /** Attempts per call, first try included (input retry-max-attempts). */
  readonly maxAttempts: number
  /** Errors this client's calls should also retry (e.g. a web identity provider's transient failures). */
  readonly isTransient?: TransientErrorTest
  /** Input sts-endpoint: where STS clients send their calls instead of the SDK's endpoint. */
  readonly stsEndpoint?: string
}

/** The inputs every client is configured from: the region, retry-max-attempts and sts-endpoint. */
export type ClientSettings = Pick<Settings, 'region' | 'retryMaxAttempts' | 'stsEndpoint'>

/** The options every client takes from the inputs: the region, retry-max-attempts and sts-endpoint. */
export function clientOptions(settings: ClientSettings, credentials?: AwsCredentials): ClientOptions {
  return {
    region: settings.region,
    credentials,
    maxAttempts: settings.retryMaxAttempts,
    stsEndpoint: settings.stsEndpoint
  }
}

/** The endpoint a failed call was sent to, attached to the error for the diagnosis. */
export const ENDPOINT_KEY = '$endpoint'

/**
 * Records on any error the URL the request went to, so "endpoint unreachable" can name it. The SDK
 * resolves AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself; this only observes the result.
 */
function recordEndpoint<I extends object, O extends MetadataBearer>(client: {
  middlewareStack: MiddlewareStack<I, O>
}): void {
  client.middlewareStack.add(
    next => async args => {
      try {
        return await next(args)
      } catch (error) {
        const request = args.request as { protocol?: string; hostname?: string; port?: number; path?: string }
        if (error !== null && typeof error === 'object' && request?.hostname) {
          const port = request.port ? `:${request.port}` : ''
          Object.assign(error, {
            [ENDPOINT_KEY]: `${request.protocol ?? 'https:'}//${request.hostname}${port}`
          })
        }
        throw error
      }
    },
    { step: 'build', name: 'recordEndpointMiddleware' }
  )
}

function config(options: ClientOptions) {
  return {
    region: options.region,
    maxAttempts: options.maxAttempts,
    retryStrategy: new ActionRetryStrategy(options),
    // Timeouts (never hang), and the shared keep-alive agents or the proxy agent: connections.ts.
    requestHandler: requestHandlerOptions(),
    // Resolve each command's middleware stack once per client, not on every call: the per-call clone and
    // sort was a sixth of the ~180 KB each IAM call allocates, which the audit's fallback makes ~2 per
    // user. Safe because no middleware is added after a client's first call (recordEndpoint runs first).
    cacheMiddleware: true,
    // Explicit credentials only: never fall back to whatever the runner's environment holds.
    credentials: options.credentials
      ? {
          accessKeyId: options.credentials.accessKeyId,
          secretAccessKey: options.credentials.secretAccessKey,
          sessionToken: options.credentials.sessionToken
        }
      : async () => {
          throw new Error('this call needs credentials')
        }
  }
}

const sameOptions = (a: ClientOptions, b: ClientOptions): boolean =>
  a.region === b.region &&
  a.credentials === b.credentials &&
  a.maxAttempts === b.maxAttempts &&
  a.isTransient === b.isTransient &&
  a.stsEndpoint === b.stsEndpoint

const made = new Map<string, { options: ClientOptions; client: unknown }[]>()

/**
 * One client per service and options for the run: a client's first call resolves its configuration,
 * endpoint and middleware (~2 ms of CPU) and every later call reuses that, so the users and key-age
 * checks send through one IAM client. Options match when they hold the same credentials object.
 */
function clientFor<
  I extends object,
  O extends MetadataBearer,
  C extends { middlewareStack: MiddlewareStack<I, O> }
>(service: string, options: ClientOptions, make: (resolved: ReturnType<typeof config>) => C): C {
  const clients = made.get(service) ?? []
  const found = clients.find(c => sameOptions(c.options, options))
  if (found) return found.client as C
  const client = make(config(options))
  recordEndpoint(client)
  made.set(service, [...clients, { options, client }])
  return client
}

/** STS is on the critical path of every run: with stored keys the head start loads it alone, first. */
export function createStsClient(options: ClientOptions): STSClient {
  return clientFor('sts', options, resolved => new STSClient({ ...resolved, endpoint: options.stsEndpoint }))
}

export type IamSdk = typeof import('./iam-sdk.js')
export type Ec2Sdk = typeof import('./ec2-sdk.js')

let iamSdk: Promise<IamSdk> | undefined
let ec2Sdk: Promise<Ec2Sdk> | undefined
// One import per process, shared by the preload and every client.
const loadIam = (): Promise<IamSdk> => (iamSdk ??= import('./iam-sdk.js'))
const loadEc2 = (): Promise<Ec2Sdk> => (ec2Sdk ??= import('./ec2-sdk.js'))

/**
 * Starts loading the IAM and EC2 modules the selected checks need, without waiting for them. Started
 * before the calls that obtain credentials (the OIDC token, the assume call), their parse runs while
 * those wait on the network instead of after them, in front of the checks. A failed load is reported by
 * the check that needs the module.
 */
export function preloadServiceClients(checks: readonly CheckName[]): void {
  const services = servicesOf(checks)
  if (services.has('iam')) loadIam().catch(() => undefined)
  if (services.has('ec2')) loadEc2().catch(() => undefined)
}

/**
 * IAM and EC2 are imported lazily, module and all: their parse overlaps the first STS round trip. Callers
 * take commands from the returned `sdk` rather than importing them, which would bundle them eagerly.
 */
export async function createIamClient(options: ClientOptions) {
  const sdk = await loadIam()
  const client = clientFor('iam', options, resolved => new sdk.IAMClient(resolved))
  return { client, sdk }
}

/** An IAM client with the commands to send through it, as {@link createIamClient} returns them. */
export type IamApi = Awaited<ReturnType<typeof createIamClient>>

export type OrganizationsSdk = typeof import('./organizations-sdk.js')
let organizationsSdk: Promise<OrganizationsSdk> | undefined

/** Organizations: only the organization audit loads it (organizations:ListAccounts). */
export async function createOrganizationsClient(options: ClientOptions) {
  const sdk = await (organizationsSdk ??= import('./organizations-sdk.js'))
  const client = clientFor('organizations', options, resolved => new sdk.OrganizationsClient(resolved))
  return { client, sdk }
}

/** An Organizations client with its paginator, as {@link createOrganizationsClient} returns them. */
export type OrganizationsApi = Awaited<ReturnType<typeof createOrganizationsClient>>

export async function createEc2Client(options: ClientOptions) {
  const sdk = await loadEc2()
  const client = clientFor('ec2', options, resolved => new sdk.EC2Client(resolved))
  return { client, sdk }
}
