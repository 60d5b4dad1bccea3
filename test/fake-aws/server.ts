// One local HTTP server that answers STS, IAM and EC2 Query-protocol calls, routed by the SigV4
// credential scope's service (or the Version parameter for the unsigned AssumeRoleWithWebIdentity).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { chargeConnections } from '../network/connection-cost.js'
import type { PublicJwk } from '../oidc/jwt.js'
import { buildAccountState, type AccessKey, type AccountState } from './account-state.js'
import type { ActionHandler, FakeAwsState } from './action-context.js'
import { authenticate } from './authenticate.js'
import { AwsError, codeForStatus, knownError, renderError } from './aws-error.js'
import { EC2_ACTIONS } from './ec2-actions.js'
import { FaultQueue, type Fault } from './faults.js'
import { IAM_ACTIONS } from './iam-actions.js'
import { SIMULATE_POLICY_ACTIONS } from './simulate-policy.js'
import { IAM_KEY_ACTIONS } from './iam-key-actions.js'
import { IAM_PERMISSION_ACTIONS } from './iam-permission-actions.js'
import { IAM_ROLE_ACTIONS } from './iam-role-actions.js'
import type { Identity, MintedSession } from './identity.js'
import { countSequentialRoundTrips, nowMs, type RequestLogEntry } from './request-log.js'
import type { Seed } from './seed.js'
import { parseAuthorization, type ReceivedRequest } from './sigv4-verify.js'
import { STS_ACTIONS } from './sts-actions.js'
import { fakeAwsSecretSource, type PresentedToken } from './secret-source.js'
import { registerSecretSource } from '../runner/secret-sources.js'
import { attachOrganization, stateForKey } from './organization.js'
import { ORGANIZATIONS_ACTIONS, ORGANIZATIONS_TARGET_PREFIX } from './organizations-actions.js'
import { renderEc2Response, renderQueryResponse, type AwsService } from './xml.js'

export interface FakeAwsOptions {
  /** Keys that verify web identity tokens, by issuer URL (e.g. a token server's issuer and jwks). */
  oidcKeys?: Record<string, PublicJwk[]>
  /** Added before every answer, to emulate network round-trip time. */
  latencyMs?: number
  /** Added before the first answer on each new connection (TCP + TLS handshakes), see connection-cost.ts. */
  handshakeMs?: number
  /** Serve HTTPS with this key and certificate (the client needs the CA, e.g. NODE_EXTRA_CA_CERTS). */
  tls?: { key: string; cert: string }
  /** The fake's clock (signature skew, session expiry, token expiry). Defaults to the real time. */
  now?: () => Date
  /** How long a key made by CreateAccessKey takes to authenticate (default 0). */
  keyPropagationMs?: number
  /** Minted sessions last this many ms, whatever DurationSeconds asked: short sessions for renewal tests. */
  sessionLifetimeMs?: number
}

export interface FakeAws {
  /** Base URL for AWS_ENDPOINT_URL. */
  readonly url: string
  readonly port: number
  /** The live account; tests may mutate it (e.g. deactivate a key) between runs. */
  readonly account: AccountState
  /** A member account of the seed's organization (live, mutable like `account`). */
  memberAccount(accountId: string): AccountState
  readonly requests: RequestLogEntry[]
  /** Sessions minted so far (their expiration is mutable). */
  readonly sessions: MintedSession[]
  latencyMs: number
  /** How long a key made by CreateAccessKey takes to authenticate; reset() restores the option. */
  keyPropagationMs: number
  /** How long minted sessions last, in ms (undefined: DurationSeconds); reset() restores the option. */
  sessionLifetimeMs: number | undefined
  /** Every key CreateAccessKey made since the last reset, deleted ones included. */
  readonly createdKeys: readonly AccessKey[]
  handshakeMs: number
  /** When each new connection was accepted (ms since the epoch), since the last reset. */
  readonly connections: number[]
  inject(action: string, fault: Fault): void
  /** Faults still queued (not yet consumed). */
  readonly pendingFaults: number
  trustOidcKeys(issuer: string, jwks: PublicJwk[]): void
  /** Longest chain of non-overlapping requests in the log (optionally filtered). */
  sequentialRoundTrips(filter?: (e: RequestLogEntry) => boolean): number
  /** Env for a process that should use this endpoint for every AWS service. */
  env(): Record<string, string>
  /** Rebuilds the account from the seed and clears the log, faults, latency, sessions and the report. */
  reset(): void
  close(): Promise<void>
}

const SERVICE_BY_VERSION: Record<string, AwsService> = {
  '2011-06-15': 'sts',
  '2010-05-08': 'iam',
  '2016-11-15': 'ec2'
}

const ACTIONS: Record<AwsService, Record<string, ActionHandler>> = {
  sts: STS_ACTIONS,
  iam: {
    ...IAM_ACTIONS,
    ...SIMULATE_POLICY_ACTIONS,
    ...IAM_KEY_ACTIONS,
    ...IAM_PERMISSION_ACTIONS,
    ...IAM_ROLE_ACTIONS
  },
  ec2: EC2_ACTIONS,
  organizations: ORGANIZATIONS_ACTIONS
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function toReceived(
  req: IncomingMessage,
  body: Buffer
): { received: ReceivedRequest; params: URLSearchParams } {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const query: Record<string, string | string[]> = {}
  for (const [k, v] of url.searchParams) {
    const prev = query[k]
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  // The SDK sends Query-protocol calls as POST form bodies; GET with a query string works too.
  const params = req.method === 'POST' ? new URLSearchParams(body.toString('utf8')) : url.searchParams
  return {
    received: { method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body },
    params
  }
}

export async function startFakeAws(seed: Seed, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const clock = options.now ?? (() => new Date())
  const pristine = structuredClone(seed)
  const state: FakeAwsState = {
    account: buildAccountState(pristine),
    sessions: new Map(),
    oidcKeys: new Map(Object.entries(options.oidcKeys ?? {})),
    credentialReport: { state: 'none' },
    keyPropagationMs: options.keyPropagationMs ?? 0,
    sessionLifetimeMs: options.sessionLifetimeMs,
    createdKeys: []
  }
  attachOrganization(state, pristine)
  const faults = new FaultQueue()
  const requests: RequestLogEntry[] = []
  let seq = 0
  // What the e2e harness checks every step against (test/runner/step-checks.ts).
  const presentedTokens: PresentedToken[] = []
  const unregister = registerSecretSource(
    fakeAwsSecretSource({ state, requests, presentedTokens, lastSeq: () => seq })
  )

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startMs = nowMs()
    const body = await readBody(req)
    const { received, params } = toReceived(req, body)
    const authHeader = req.headers.authorization
    const auth = authHeader ? parseAuthorization(authHeader) : undefined
    const version = params.get('Version') ?? ''
    const service: AwsService =
      (auth?.service as AwsService | undefined) ?? SERVICE_BY_VERSION[version] ?? 'sts'
    // Organizations speaks JSON: the action is in X-Amz-Target, the parameters in a JSON body.
    const json = service === 'organizations'
    const target = String(req.headers['x-amz-target'] ?? '')
    const action = json ? target.replace(ORGANIZATIONS_TARGET_PREFIX, '') : (params.get('Action') ?? '')
    // With an organization seed, the account whose key signed the request answers it.
    const scoped = auth ? stateForKey(state, auth.accessKeyId) : state
    const entry: RequestLogEntry = {
      seq: ++seq,
      service,
      action,
      region: auth?.region,
      accessKeyId: auth?.accessKeyId,
      startMs,
      endMs: startMs,
      status: 0
    }
    requests.push(entry)
    const presented = action === 'AssumeRoleWithWebIdentity' ? params.get('WebIdentityToken') : null
    if (presented) presentedTokens.push({ seq: entry.seq, token: presented })
    const requestId = randomUUID()

    const send = (status: number, xml: string): void => {
      entry.status = status
      entry.endMs = nowMs()
      res.writeHead(status, {
        'content-type': json ? 'application/x-amz-json-1.1' : 'text/xml',
        'x-amzn-requestid': requestId,
        date: new Date().toUTCString()
      })
      res.end(xml)
    }
    const fail = (error: AwsError): void => {
      entry.errorCode = error.code
      send(error.status, renderError(service, error, requestId))
    }

    await cost.charge(req.socket)
    const fault = faults.take(service, action, scoped.account.accountId)
    if (fault) {
      entry.injected = true
      if (fault.delayMs) await sleep(fault.delayMs)
      if (fault.reset) {
        entry.errorCode = 'ECONNRESET'
        entry.endMs = nowMs()
        req.socket.destroy()
        return
      }
      if (fault.status !== undefined || fault.code !== undefined) {
        const code = fault.code ?? codeForStatus(service, fault.status ?? 500)
        return fail(knownError(code, fault.status, fault.message))
      }
    }

    try {
      if (!(service in ACTIONS)) throw new AwsError(400, 'InvalidAction', `Unknown service ${service}`)
      const handler = ACTIONS[service][action]
      if (!handler) {
        throw new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`)
      }
      const now = clock()
      let identity: Identity | undefined
      if (auth) {
        identity = await authenticate(received, auth, service, scoped, now)
        entry.identityArn = identity.arn
      } else if (authHeader) {
        throw new AwsError(
          400,
          'IncompleteSignature',
          `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`
        )
      } else if (action !== 'AssumeRoleWithWebIdentity') {
        // Only the web identity exchange may be unsigned, as in AWS.
        throw service === 'ec2'
          ? new AwsError(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials')
          : new AwsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
      }
      const body = json
        ? (JSON.parse(received.body.toString('utf8') || '{}') as Record<string, unknown>)
        : undefined
      const result = handler({ params, json: body, identity, state: scoped, now })
      send(
        200,
        service === 'organizations'
          ? JSON.stringify(result ?? {})
          : service === 'ec2'
            ? renderEc2Response(action, result ?? {}, requestId)
            : renderQueryResponse(service, action, result, requestId)
      )
    } catch (error) {
      if (error instanceof AwsError) return fail(error)
      fail(
        new AwsError(
          500,
          service === 'ec2' ? 'InternalError' : json ? 'ServiceException' : 'InternalFailure',
          `fake-aws bug: ${(error as Error).message}`
        )
      )
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => res.destroy())
  }
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener)
  const cost = chargeConnections(server, options.tls !== undefined, options)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`

  return {
    url,
    port,
    get account() {
      return state.account
    },
    memberAccount(accountId) {
      const member = state.accounts?.get(accountId)
      if (!member) throw new Error(`the seed's organization has no account ${accountId}`)
      return member.account
    },
    requests,
    get sessions() {
      return [...state.sessions.values()]
    },
    get latencyMs() {
      return cost.latencyMs
    },
    set latencyMs(value: number) {
      cost.latencyMs = value
    },
    get createdKeys() {
      return state.createdKeys
    },
    get keyPropagationMs() {
      return state.keyPropagationMs
    },
    set keyPropagationMs(value: number) {
      state.keyPropagationMs = value
    },
    get sessionLifetimeMs() {
      return state.sessionLifetimeMs
    },
    set sessionLifetimeMs(value: number | undefined) {
      state.sessionLifetimeMs = value
    },
    get handshakeMs() {
      return cost.handshakeMs
    },
    set handshakeMs(value: number) {
      cost.handshakeMs = value
    },
    connections: cost.accepted,
    inject: (action, fault) => faults.add(action, fault),
    get pendingFaults() {
      return faults.pending
    },
    trustOidcKeys: (issuer, jwks) => void state.oidcKeys.set(issuer, jwks),
    sequentialRoundTrips: filter => countSequentialRoundTrips(requests, filter),
    env: () => ({ AWS_ENDPOINT_URL: url }),
    reset() {
      state.account = buildAccountState(structuredClone(pristine))
      state.sessions.clear()
      state.credentialReport = { state: 'none' }
      state.keyPropagationMs = options.keyPropagationMs ?? 0
      state.sessionLifetimeMs = options.sessionLifetimeMs
      state.createdKeys = []
      attachOrganization(state, pristine)
      faults.clear()
      requests.length = 0
      cost.latencyMs = options.latencyMs ?? 0
      cost.handshakeMs = options.handshakeMs ?? 0
      cost.accepted.length = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        unregister()
        server.closeAllConnections()
        server.close(err => (err ? reject(err) : resolve()))
      })
  }
}
