// Minimal RS256 JWT signing and verification with node:crypto, enough to stand in for GitHub's
// OIDC issuer (signing) and AWS STS (verifying) without a JWT library.
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
