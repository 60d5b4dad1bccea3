// JWTs for tests: minimal RS256 signing and verification with node:crypto, enough to stand in for
// GitHub's OIDC issuer (signing) and AWS STS (verifying) without a JWT library; and unsigned tokens
// with GitHub's claims for unit tests, whose code under test never checks a signature.
import { createPublicKey, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto'

export type JwtClaims = Record<string, unknown>

export interface JwtHeader {
  alg: string
  typ?: string
  kid?: string
  x5t?: string
}

export interface PublicJwk extends JsonWebKey {
  kid: string
  alg: 'RS256'
  use: 'sig'
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

export function signJwt(claims: JwtClaims, privateKey: KeyObject, kid: string): string {
  const header: JwtHeader = { typ: 'JWT', alg: 'RS256', kid, x5t: kid }
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`
  const signature = sign('sha256', Buffer.from(signingInput), privateKey)
  return `${signingInput}.${base64url(signature)}`
}

export interface DecodedJwt {
  header: JwtHeader
  claims: JwtClaims
  signingInput: string
  signature: Buffer
}

/** Splits and parses a compact JWT without checking anything; throws on malformed input. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.')
  if (parts.length !== 3) throw new Error('token is not a compact JWT (expected three dot-separated parts)')
  const [h, c, s] = parts as [string, string, string]
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as JwtHeader
  const claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as JwtClaims
  return { header, claims, signingInput: `${h}.${c}`, signature: Buffer.from(s, 'base64url') }
}

/** True when the token's RS256 signature verifies against one of the keys (matched by kid when present). */
export function verifyJwtSignature(decoded: DecodedJwt, jwks: readonly PublicJwk[]): boolean {
  if (decoded.header.alg !== 'RS256') return false
  const candidates = jwks.filter(k => decoded.header.kid === undefined || k.kid === decoded.header.kid)
  return candidates.some(jwk => {
    const key = createPublicKey({ key: jwk, format: 'jwk' })
    return verify('sha256', Buffer.from(decoded.signingInput), key, decoded.signature)
  })
}

/** A JWT with these claims and a dummy signature: our code never checks signatures, AWS does. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${part(claims)}.c2lnbmF0dXJl`
}

/** The claims GitHub puts in a token for a push to main of octo-org/octo-repo, issued now. */
export function githubClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000)
  return {
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    aud: 'sts.amazonaws.com',
    iss: 'https://token.actions.githubusercontent.com',
    repository: 'octo-org/octo-repo',
    ref: 'refs/heads/main',
    job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    actor: 'octocat',
    iat: now - 5,
    nbf: now - 5,
    exp: now + 300,
    ...overrides
  }
}
