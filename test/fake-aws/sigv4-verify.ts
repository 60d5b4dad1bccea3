// Verifies AWS Signature Version 4 on incoming requests by re-signing them with the stored secret using
// the same @smithy/signature-v4 the SDK signs with, then comparing signatures in constant time.
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import type { Checksum, SourceData } from '@smithy/types'

export interface ParsedAuthorization {
  accessKeyId: string
  /** yyyymmdd from the credential scope. */
  scopeDate: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(header.trim())
  if (!match?.[1]) return undefined
  const fields = new Map<string, string>()
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const credential = fields.get('Credential')?.split('/')
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  if (
    !credential ||
    credential.length !== 5 ||
    credential[4] !== 'aws4_request' ||
    !signedHeaders ||
    !signature
  ) {
    return undefined
  }
  const [accessKeyId, scopeDate, region, service] = credential as [string, string, string, string]
  return { accessKeyId, scopeDate, region, service, signedHeaders: signedHeaders.split(';'), signature }
}

/** `20240101T000000Z` → Date, or undefined when malformed. */
export function parseAmzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '')
  if (!m) return undefined
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!))
}

/** node:crypto behind the smithy Checksum interface (hash, or HMAC when constructed with a secret). */
export class NodeSha256 implements Checksum {
  private hash: Hash | Hmac
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create()
  }
  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret))
  }
  update(data: Uint8Array | string): void {
    this.hash.update(toBuffer(data))
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest())
  }
  reset(): void {
    this.hash = this.create()
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return Buffer.from(data)
}

export interface ReceivedRequest {
  method: string
  /** Path without the query string, as received. */
  path: string
  query: Record<string, string | string[]>
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export interface SigningSecret {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** Recomputes the request's signature over exactly the headers the client said it signed. */
export async function expectedSignature(
  request: ReceivedRequest,
  auth: ParsedAuthorization,
  secret: SigningSecret,
  signingDate: Date
): Promise<string> {
  const headers: Record<string, string> = {}
  for (const name of auth.signedHeaders) {
    const value = request.headers[name]
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value
  }
  const [hostname, port] = (headers.host ?? '').split(':')
  const httpRequest = new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname: hostname ?? '',
    port: port ? Number(port) : undefined,
    path: request.path,
    query: request.query,
    headers,
    body: request.body
  })
  const signer = new SignatureV4({
    credentials: secret,
    region: auth.region,
    service: auth.service,
    sha256: NodeSha256,
    applyChecksum: false
  })
  const signed = await signer.sign(httpRequest, {
    signingDate,
    signableHeaders: new Set(auth.signedHeaders)
  })
  const authorization = String(signed.headers.authorization ?? '')
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? ''
}

export function signaturesMatch(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex')
}
