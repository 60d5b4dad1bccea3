/**
 * The claims of a web identity token that trust policies match on and that our messages show. None of
 * them is secret: the token's power is its signature, which stays masked.
 */
export interface TokenClaims {
  readonly sub?: string
  readonly aud?: string | readonly string[]
  readonly iss?: string
  readonly repository?: string
  readonly ref?: string
  readonly environment?: string
  readonly job_workflow_ref?: string
  /** GitHub's immutable ids, which the `sub` of newer repositories carries. */
  readonly repository_id?: string
  readonly repository_owner_id?: string
  /** Issued-at and expiry, in seconds since the epoch. */
  readonly iat?: number
  readonly exp?: number
}

/** The claims a diagnosis prints, in this order. */
export const SHOWN_CLAIMS = [
  'sub',
  'aud',
  'iss',
  'repository',
  'ref',
  'environment',
  'job_workflow_ref',
  'repository_id',
  'repository_owner_id'
] as const

/** How recently a token must have been issued for an InvalidIdentityToken to count as transient. */
const FRESH_SECONDS = 300

/**
 * Reads a JWT's payload (the base64url JSON between the two dots). The signature is not checked: AWS does
 * that; we only need the claims to explain a refusal. Undefined when the text is not a JWT.
 */
export function decodeTokenClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || parts.some(part => !/^[A-Za-z0-9_-]+={0,2}$/.test(part))) return undefined
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as TokenClaims)
      : undefined
  } catch {
    return undefined
  }
}

/** The claims a message may show, without the ones the token does not have. */
export function shownClaims(claims: TokenClaims): Partial<Record<(typeof SHOWN_CLAIMS)[number], unknown>> {
  return Object.fromEntries(SHOWN_CLAIMS.filter(name => claims[name] !== undefined).map(n => [n, claims[n]]))
}

/**
 * A token issued in the last few minutes and not yet expired. AWS rejecting such a token as invalid is
 * usually its side failing to fetch the issuer's signing keys, which a retry gets past; an old token is
 * rejected for good.
 */
export function isFresh(claims: TokenClaims | undefined, now: Date): boolean {
  if (typeof claims?.iat !== 'number' || typeof claims.exp !== 'number') return false
  const nowSeconds = now.getTime() / 1000
  return claims.exp > nowSeconds && nowSeconds - claims.iat <= FRESH_SECONDS
}

/** The audiences as a list (a JWT's `aud` may be one string or several). */
export function audiencesOf(claims: TokenClaims): string[] {
  if (claims.aud === undefined) return []
  return typeof claims.aud === 'string' ? [claims.aud] : [...claims.aud]
}
