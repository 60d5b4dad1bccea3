// Stands in for the runner's OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL): checks the bearer
// request token, honours the `audience` query parameter and issues RS256 JWTs with GitHub's claims.
// The issuer defaults to GitHub's, so trust policies written for real GitHub work unchanged in the fake STS.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { chargeConnections, type ConnectionCost } from '../network/connection-cost.js'
import { signJwt, type JwtClaims, type PublicJwk } from './jwt.js'
import { registerSecretSource } from '../runner/secret-sources.js'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/** The claims GitHub puts in an Actions OIDC token (the subset trust policies and our messages use). */
export interface GitHubClaims extends JwtClaims {
  sub: string
  repository: string
  repository_owner: string
  repository_owner_id: string
  repository_id: string
  repository_visibility: string
  ref: string
  ref_type: string
  ref_protected: string
  sha: string
  actor: string
  actor_id: string
  workflow: string
  workflow_ref: string
  workflow_sha: string
  job_workflow_ref: string
  job_workflow_sha: string
  event_name: string
  head_ref: string
  base_ref: string
  run_id: string
  run_number: string
  run_attempt: string
  runner_environment: string
  environment?: string
}

export interface TokenRequestLogEntry {
  audience: string | undefined
  authorized: boolean
  status: number
}

/**
 * How GitHub writes the `sub` prefix: `names` (`repo:octo-org/octo-repo:…`), or on github.com for
 * repositories created or renamed since 2026-06-18 and those opted in, `immutable-ids`
 * (`repo:octo-org-65/octo-repo-1296269:…`: owner and repository names each followed by their id).
 */
export type SubjectFormat = 'names' | 'immutable-ids'

export interface TokenServerOptions {
  /** Claim overrides on top of a push to main of octo-org/octo-repo. */
  claims?: Partial<GitHubClaims>
  subjectFormat?: SubjectFormat
  issuer?: string
  lifetimeSeconds?: number
  /** Serve HTTPS with this key and certificate (the client needs the CA, e.g. NODE_EXTRA_CA_CERTS). */
  tls?: { key: string; cert: string }
}

export interface TokenServer {
  /** Value for ACTIONS_ID_TOKEN_REQUEST_URL (already has a query string, as the runner's does). */
  readonly url: string
  /** Value for ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  readonly requestToken: string
  readonly issuer: string
  /** Public keys that verify the issued tokens (give them to the fake STS). */
  readonly jwks: PublicJwk[]
  /** The two variables the runner sets when the job has `permissions: id-token: write`. */
  readonly env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string }
  /** Default claims of issued tokens; mutate to change later tokens. */
  claims: GitHubClaims
  lifetimeSeconds: number
  readonly requests: TokenRequestLogEntry[]
  /** Every token it signed, served or minted, oldest first (the e2e harness leak-checks them all). */
  readonly issued: string[]
  /** Latency per request and per new connection (none unless set), and the connections accepted. */
  readonly network: ConnectionCost
  /** Signs a token directly (e.g. for web-identity-token-file); the default audience is sts.amazonaws.com. */
  mint(overrides?: JwtClaims): string
  /** The next `times` token requests fail with this HTTP status. */
  failNext(status: number, times?: number): void
  close(): Promise<void>
}

export function defaultGitHubClaims(
  overrides: Partial<GitHubClaims> = {},
  subjectFormat: SubjectFormat = 'names'
): GitHubClaims {
  const repository = overrides.repository ?? 'octo-org/octo-repo'
  const ref = overrides.ref ?? 'refs/heads/main'
  const [owner = 'octo-org', name = 'octo-repo'] = repository.split('/')
  const ownerId = overrides.repository_owner_id ?? '65'
  const repositoryId = overrides.repository_id ?? '1296269'
  const prefix =
    subjectFormat === 'immutable-ids'
      ? `repo:${owner}-${ownerId}/${name}-${repositoryId}`
      : `repo:${repository}`
  const environment = overrides.environment
  const sub = environment ? `${prefix}:environment:${environment}` : `${prefix}:ref:${ref}`
  return {
    sub,
    repository,
    repository_owner: owner,
    repository_owner_id: ownerId,
    repository_id: repositoryId,
    repository_visibility: 'private',
    ref,
    ref_type: 'branch',
    ref_protected: 'true',
    sha: 'ffac537e6cbbf934b08745a378932722df287a53',
    actor: 'octocat',
    actor_id: '583231',
    workflow: 'deploy',
    workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
    workflow_sha: 'ffac537e6cbbf934b08745a378932722df287a53',
    job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
    job_workflow_sha: 'ffac537e6cbbf934b08745a378932722df287a53',
    event_name: 'push',
    head_ref: '',
    base_ref: '',
    run_id: '1658821493',
    run_number: '7',
    run_attempt: '1',
    runner_environment: 'github-hosted',
    ...overrides
  }
}

export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = randomBytes(16).toString('hex')
  const jwk: PublicJwk = { ...(publicKey.export({ format: 'jwk' }) as object), kid, alg: 'RS256', use: 'sig' }
  const requestToken = randomBytes(24).toString('base64url')
  const issuer = options.issuer ?? GITHUB_ISSUER
  let failures: { status: number; remaining: number } | undefined

  const state = {
    claims: defaultGitHubClaims(options.claims, options.subjectFormat),
    lifetimeSeconds: options.lifetimeSeconds ?? 300
  }
  const requests: TokenRequestLogEntry[] = []
  const issued: string[] = []
  /** Tokens served over HTTP (to a step), in order. */
  const served: string[] = []

  const mint = (overrides: JwtClaims = {}): string => {
    const now = Math.floor(Date.now() / 1000)
    const claims: JwtClaims = {
      jti: randomUUID(),
      aud: 'sts.amazonaws.com',
      ...state.claims,
      iss: issuer,
      nbf: now - 5,
      iat: now - 5,
      exp: now + state.lifetimeSeconds,
      ...overrides
    }
    const token = signJwt(claims, privateKey as KeyObject, kid)
    issued.push(token)
    return token
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await network.charge(req.socket)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const audience = url.searchParams.get('audience') ?? undefined
    const authorized = req.headers.authorization === `Bearer ${requestToken}`
    const reply = (status: number, body: unknown): void => {
      requests.push({ audience, authorized, status })
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(body))
    }
    if (req.method !== 'GET' || url.pathname !== '/_apis/distributedtask/token') {
      return reply(404, { message: 'Not Found' })
    }
    if (!authorized) return reply(401, { message: 'Bad credentials' })
    if (failures && failures.remaining > 0) {
      failures.remaining--
      return reply(failures.status, { message: 'injected failure' })
    }
    // GitHub's default audience is the repository owner's URL when none is asked for.
    const aud = audience ?? `https://github.com/${state.claims.repository_owner}`
    const token = mint({ aud })
    served.push(token)
    return reply(200, { count: 1, value: token })
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res)
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener)
  const network = chargeConnections(server, options.tls !== undefined)
  server.keepAliveTimeout = 1000
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  // The e2e harness requires every token served to a step to be masked, and none to leak.
  let requestCount = 0
  server.on('request', () => void requestCount++)
  const unregister = registerSecretSource({
    secrets: () => [...issued, requestToken],
    accessKeyIds: () => [],
    watch() {
      const [requestsBefore, servedBefore] = [requestCount, served.length]
      return () => ({ active: requestCount > requestsBefore, secrets: served.slice(servedBefore) })
    }
  })
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/_apis/distributedtask/token?api-version=2.0`

  return {
    url,
    requestToken,
    issuer,
    jwks: [jwk],
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    get claims() {
      return state.claims
    },
    set claims(value: GitHubClaims) {
      state.claims = value
    },
    get lifetimeSeconds() {
      return state.lifetimeSeconds
    },
    set lifetimeSeconds(value: number) {
      state.lifetimeSeconds = value
    },
    requests,
    issued,
    network,
    mint,
    failNext(status: number, times = 1) {
      failures = { status, remaining: times }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        unregister()
        server.closeAllConnections()
        server.close(err => (err ? reject(err) : resolve()))
      })
  }
}
