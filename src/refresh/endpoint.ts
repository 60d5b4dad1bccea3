import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AwsCredentials } from '../auth/credentials.js'
import type { Session } from './session-machine.js'

/** What the endpoint checks each request against; both are random per job (refresh-plan.ts). */
export interface EndpointSecrets {
  /** The URL path, e.g. `/3f…`: a request elsewhere gets 404. */
  readonly path: string
  /** The exact `Authorization` header value. */
  readonly token: string
}

/** A fresh path and token: 256 random bits each. */
export function endpointSecrets(): EndpointSecrets {
  return { path: `/${randomBytes(32).toString('hex')}`, token: randomBytes(32).toString('base64url') }
}

export interface RunningEndpoint {
  readonly port: number
  readonly server: Server
  close(): Promise<void>
}

/**
 * Compares in constant time. Lengths are compared first: timingSafeEqual needs equal lengths, and a
 * length is no secret here (every path and token has the same length, fixed by endpointSecrets). Hashing
 * both sides instead would cost two SHA-256 per request, about a tenth of what serving one costs; the
 * given side is copied into one buffer kept for the purpose, so a request allocates nothing here.
 */
function secretMatcher(expected: string): (given: string | undefined) => boolean {
  const wanted = Buffer.from(expected)
  const scratch = Buffer.alloc(wanted.length)
  return given => {
    if (given === undefined || Buffer.byteLength(given) !== wanted.length) return false
    scratch.write(given)
    return timingSafeEqual(scratch, wanted)
  }
}

/** The container credential protocol's answer (what @aws-sdk/credential-provider-http parses). */
export function containerCredentials(credentials: AwsCredentials, expiresAt: number): string {
  return JSON.stringify({
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: new Date(expiresAt).toISOString()
  })
}

/** A refusal: the status only, no body, nothing that says which check failed beyond the status. */
function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Length': '0', 'Cache-Control': 'no-store' })
  res.end()
}

/**
 * The credential endpoint on 127.0.0.1 (never another interface), on a free port. Checks, in order: the
 * `Host` header names exactly this address and port (403: a DNS-rebinding page sends its own host), the
 * method and path (404), the token (401). Then the session from `current`, or 503 when there is none.
 */
export async function serveEndpoint(
  secrets: EndpointSecrets,
  current: () => Promise<Session<AwsCredentials> | undefined>
): Promise<RunningEndpoint> {
  let host = ''
  const rightPath = secretMatcher(secrets.path)
  const rightToken = secretMatcher(secrets.token)
  // The answer is written once per session, not per request.
  let answered: { session: Session<AwsCredentials>; body: string } | undefined
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.headers.host !== host) return refuse(res, 403)
    const path = (req.url ?? '').split('?')[0]!
    if (req.method !== 'GET' || !rightPath(path)) return refuse(res, 404)
    if (!rightToken(req.headers.authorization)) return refuse(res, 401)
    const session = await current()
    if (session === undefined) return refuse(res, 503)
    if (answered?.session !== session) {
      answered = { session, body: containerCredentials(session.credentials, session.expiresAt) }
    }
    const { body } = answered
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store'
    })
    res.end(body)
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => refuse(res, 500))
  })
  // Node's default, said in every answer (`Keep-Alive: timeout=5`). Not shorter: undici (Node's fetch)
  // keeps a connection only for the announced time minus 2 s, so at 2 s it would reconnect per request.
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  host = `127.0.0.1:${port}`
  return {
    port,
    server,
    close: () => new Promise(resolve => server.close(() => resolve()))
  }
}
