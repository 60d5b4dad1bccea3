import { parseRoleArn } from './role-arn.js'
import { partitionOfArn, stsAudience } from '../aws/partition.js'
import { audiencesOf, shownClaims, type TokenClaims } from './token-claims.js'

/** What to tell the user: one `::error::` line, and longer detail printed with it. */
export interface Explanation {
  readonly message: string
  readonly details: readonly string[]
}

/** Why AssumeRoleWithWebIdentity was called, for the message. */
export interface WebIdentityAttempt {
  readonly roleArn: string
  /** The token's claims; undefined when the token could not be read as a JWT. */
  readonly claims?: TokenClaims
  /** Where the token came from, as the message names it: `GitHub OIDC` or `web-identity-token-file`. */
  readonly tokenSource: string
}

export interface TrustStatement {
  readonly Effect: 'Allow'
  readonly Principal: { readonly Federated: string }
  readonly Action: 'sts:AssumeRoleWithWebIdentity'
  readonly Condition: Record<string, Record<string, string>>
}

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/** The role's partition's default audience (sts.amazonaws.com, .com.cn in aws-cn). */
const partitionAudience = (roleArn: string): string => stsAudience(partitionOfArn(roleArn) ?? 'aws')

/** The token's audience, or the default audience of the role's partition when the token names none. */
const audienceOf = (claims: TokenClaims, roleArn: string): string =>
  audiencesOf(claims)[0] ?? partitionAudience(roleArn)

/** AWS's wording for the two token refusals that are configuration, not a passing failure. */
export const NO_PROVIDER = /No OpenIDConnect provider found|Specified provider doesn't exist/i
export const WRONG_AUDIENCE = /audience/i

/**
 * The provider path IAM uses for an issuer: its URL without the scheme or a trailing slash. It names the
 * provider (`oidc-provider/<path>`) and prefixes its condition keys (`<path>:sub`). GitHub Enterprise
 * issuers carry a path (`token.actions.githubusercontent.com/<enterprise>`), so it is not just the host.
 */
export function issuerPath(issuer: string): string {
  return issuer.replace(/^https?:\/\//, '').replace(/\/+$/, '')
}

/** The IAM OIDC provider a role must trust for tokens from this issuer, in the role's account. */
export function oidcProviderArn(roleArn: string, issuer: string): string {
  const role = parseRoleArn(roleArn)
  const partition = partitionOfArn(roleArn) ?? 'aws'
  const account = role?.account ?? '<account-id>'
  return `arn:${partition}:iam::${account}:oidc-provider/${issuerPath(issuer)}`
}

/**
 * The trust statement that admits exactly this token: the audience by equality, the subject with
 * StringLike so the user can widen it with `*` in place.
 */
export function trustStatementFor(roleArn: string, claims: TokenClaims): TrustStatement {
  const path = issuerPath(claims.iss ?? GITHUB_ISSUER)
  return {
    Effect: 'Allow',
    Principal: { Federated: oidcProviderArn(roleArn, claims.iss ?? GITHUB_ISSUER) },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [`${path}:aud`]: audienceOf(claims, roleArn) },
      StringLike: { [`${path}:sub`]: claims.sub ?? '*' }
    }
  }
}

/**
 * The `repo:…` prefix of the token's own subject: `repo:owner/name`, or on github.com for repositories
 * created or renamed since 2026-06-18 (and those opted in) `repo:owner-OWNERID/name-REPOID` with the
 * immutable ids. Taken from `sub` itself, never rebuilt from the repository name, which would not match
 * the second form. Undefined for a subject in another shape (a customised `sub` template).
 */
export function subjectPrefix(sub: string | undefined): string | undefined {
  return /^(repo:[^:]+\/[^:]+):/.exec(sub ?? '')?.[1]
}

/** Whether the subject carries GitHub's immutable owner and repository ids. */
export function hasImmutableIds(claims: TokenClaims): boolean {
  const { repository, repository_owner_id: ownerId, repository_id: repoId } = claims
  const [owner, name] = (repository ?? '').split('/')
  if (!owner || !name || !ownerId || !repoId) return false
  return subjectPrefix(claims.sub) === `repo:${owner}-${ownerId}/${name}-${repoId}`
}

/** The subjects users most often want instead, written with the token's own subject prefix. */
function widerSubjects(claims: TokenClaims): string[] {
  const prefix = subjectPrefix(claims.sub)
  if (!prefix) return []
  return [
    `Any branch, tag, pull request or environment of the repository: "${prefix}:*".`,
    `One branch: "${prefix}:ref:refs/heads/main".`,
    `One deployment environment (the job needs \`environment: production\`): "${prefix}:environment:production".`,
    ...(hasImmutableIds(claims)
      ? [
          `This sub carries the immutable owner and repository ids (GitHub's format for repositories created or renamed since 2026-06-18, or opted in): a condition on the repository name alone (repo:${claims.repository}:…) does not match it.`
        ]
      : [])
  ]
}

/** AccessDenied from AssumeRoleWithWebIdentity: the role's trust policy does not admit the token. */
export function explainWebIdentityDenial(attempt: WebIdentityAttempt): Explanation {
  const { roleArn, claims, tokenSource } = attempt
  const context = `Could not assume ${roleArn} with ${tokenSource}: AWS denied sts:AssumeRoleWithWebIdentity (AccessDenied)`
  if (!claims) {
    return {
      message: `${context}. The role's trust policy does not admit this token, or the role does not exist; the token is not a readable JWT, so its claims cannot be shown.`,
      details: []
    }
  }
  const statement = trustStatementFor(roleArn, claims)
  const message =
    `${context}: the role's trust policy does not admit this token, or the role does not exist. ` +
    `Token claims: ${JSON.stringify(shownClaims(claims))}. ` +
    `The role must trust the provider ${statement.Principal.Federated} with this Condition: ${JSON.stringify(statement.Condition)}.`
  const details = [
    `Token claims (not secret; the token itself is masked):`,
    ...Object.entries(shownClaims(claims)).map(([name, value]) => `  ${name}: ${JSON.stringify(value)}`),
    `A trust policy for ${roleArn} that admits this token:`,
    JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2),
    ...(widerSubjects(claims).length > 0 ? ['Other common values of the sub condition:'] : []),
    ...widerSubjects(claims).map(line => `  ${line}`),
    `If the role already has such a statement: check the role ARN for typos, and that the IAM OIDC provider ${statement.Principal.Federated} exists in that account with ${JSON.stringify(audienceOf(claims, roleArn))} as a client id (audience).`
  ]
  return { message, details }
}

function providerCommand(claims: TokenClaims, roleArn: string): string {
  const audience = audienceOf(claims, roleArn)
  return `aws iam create-open-id-connect-provider --url ${claims.iss ?? GITHUB_ISSUER} --client-id-list ${audience}`
}

/** A token-level error AWS returned, after the retries. */
export interface TokenRefusal {
  readonly code: string
  readonly message: string
  readonly attempts: number
}

/**
 * The token-level refusals (InvalidIdentityToken, ExpiredTokenException, IDPCommunicationError) after
 * retries ran out. AWS's
 * own wording is kept, with what to change; undefined for codes this module does not know.
 */
export function explainTokenRejection(
  attempt: WebIdentityAttempt,
  refusal: TokenRefusal
): Explanation | undefined {
  const { roleArn, claims, tokenSource } = attempt
  const { code, message: awsMessage, attempts } = refusal
  const fromFile = tokenSource === 'web-identity-token-file'
  if (/^IDPCommunicationError/.test(code)) {
    const issuer = claims?.iss ?? 'the token issuer'
    return {
      message: `Could not assume ${roleArn} with ${tokenSource}: AWS could not reach ${issuer} to verify the token after ${attempts} attempt${attempts === 1 ? '' : 's'} (${code}: ${awsMessage}). This is usually brief: re-run the job, or raise retry-max-attempts.`,
      details: []
    }
  }
  const context = `Could not assume ${roleArn} with ${tokenSource}: AWS rejected the token (${code}: ${awsMessage})`
  if (/^ExpiredToken/.test(code)) {
    return {
      message: `${context}. ${fromFile ? 'Write a fresh token to web-identity-token-file before this step.' : 'The token expired before AWS saw it; re-run the job, and check the runner clock.'}`,
      details: []
    }
  }
  if (!/^InvalidIdentityToken/.test(code)) return undefined
  if (!claims) {
    return {
      message: `${context}. The token is not a JWT${fromFile ? ': check what writes web-identity-token-file' : ''}.`,
      details: []
    }
  }
  const provider = oidcProviderArn(roleArn, claims.iss ?? GITHUB_ISSUER)
  if (NO_PROVIDER.test(awsMessage)) {
    return {
      message: `${context}. Create the IAM OIDC provider ${provider} in the role's account: ${providerCommand(claims, roleArn)}`,
      details: []
    }
  }
  if (WRONG_AUDIENCE.test(awsMessage)) {
    const audience = audiencesOf(claims).join(', ') || '(none)'
    return {
      message: `${context}. The token's audience is ${audience}, which the IAM OIDC provider ${provider} does not list as a client id: add it to the provider, or set the audience input to one the provider lists (the default is ${partitionAudience(roleArn)}).`,
      details: []
    }
  }
  return {
    message: `${context}. Check that the IAM OIDC provider ${provider} exists and that its issuer is reachable; if this persists, raise retry-max-attempts.`,
    details: []
  }
}
