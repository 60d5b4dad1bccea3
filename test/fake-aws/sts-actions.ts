// STS: GetCallerIdentity, AssumeRole and AssumeRoleWithWebIdentity. Minted sessions are real: they
// are stored, their keys sign later requests, and they expire.
import { randomBytes } from 'node:crypto'
import { decodeJwt, verifyJwtSignature } from '../oidc/jwt.js'
import type { Role } from './account-state.js'
import { AwsError, validationError } from './aws-error.js'
import {
  requireIdentity,
  type ActionContext,
  type ActionHandler,
  type ActionResult
} from './action-context.js'
import type { Identity, MintedSession } from './identity.js'
import { requireAllowed } from './permissions.js'
import { readPolicyArns, sessionPolicy } from './session-policy.js'
import { trustAllows, type ConditionContext } from './trust-policy.js'

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
// AWS's allowed characters for tag keys and values.
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/

const getCallerIdentity: ActionHandler = ctx => {
  // GetCallerIdentity needs no permission: AWS answers it even under an explicit deny.
  const identity = requireIdentity(ctx)
  return { UserId: identity.userId, Account: ctx.state.account.accountId, Arn: identity.arn }
}

function randomKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return 'ASIA' + Array.from(randomBytes(16), b => alphabet[b % 32]).join('')
}

function validateSessionName(name: string | null): string {
  if (name === null)
    throw validationError(
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"
    )
  if (name.length < 2 || name.length > 64) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${name.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`
    )
  }
  if (!SESSION_NAME.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`
    )
  }
  return name
}

function findRole(ctx: ActionContext, roleArn: string | null): Role | undefined {
  const match = ROLE_ARN.exec(roleArn ?? '')
  if (!match) {
    throw validationError(`${roleArn ?? 'null'} is invalid`)
  }
  // Another account's role (organization seeds) is looked up in that account.
  const owner = match[1] === ctx.state.account.accountId ? ctx.state : ctx.state.accounts?.get(match[1]!)
  const role = owner?.account.roles.get(match[2]!)
  return role?.arn === roleArn ? role : undefined
}

function durationSeconds(ctx: ActionContext, role: Role, chained: boolean): number {
  const raw = ctx.params.get('DurationSeconds')
  const seconds = raw === null ? 3600 : Number(raw)
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43200) {
    throw validationError(
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${seconds < 900 ? 'greater than or equal to 900' : 'less than or equal to 43200'}`
    )
  }
  if (chained && seconds > 3600) {
    throw validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    )
  }
  if (seconds > role.maxSessionDurationSeconds) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
  }
  return seconds
}

function readTags(params: URLSearchParams): { key: string; value: string }[] {
  const tags: { key: string; value: string }[] = []
  for (let i = 1; params.has(`Tags.member.${i}.Key`); i++) {
    const key = params.get(`Tags.member.${i}.Key`) ?? ''
    const value = params.get(`Tags.member.${i}.Value`) ?? ''
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
      throw validationError(
        `1 validation error detected: Value '${key}' at 'tags.${i}.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+`
      )
    }
    if (value.length > 256 || !TAG_TEXT.test(value)) {
      throw validationError(
        `1 validation error detected: Value '${value}' at 'tags.${i}.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`
      )
    }
    tags.push({ key, value })
  }
  if (tags.length > 50)
    throw validationError(
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"
    )
  const lowered = tags.map(t => t.key.toLowerCase())
  if (new Set(lowered).size !== lowered.length)
    throw validationError('Duplicate tag keys found. Please note that Tag keys are case insensitive.')
  return tags
}

function mintSession(
  ctx: ActionContext,
  role: Role,
  fields: Omit<
    MintedSession,
    | 'accessKeyId'
    | 'secretAccessKey'
    | 'sessionToken'
    | 'expiration'
    | 'roleArn'
    | 'roleName'
    | 'assumedRoleArn'
    | 'assumedRoleId'
  >
): MintedSession {
  const session: MintedSession = {
    accessKeyId: randomKeyId(),
    secretAccessKey: randomBytes(30).toString('base64'),
    // Real session tokens are long opaque base64; length matters to masking and env-file code.
    sessionToken: 'IQoJb3JpZ2luX2Vj' + randomBytes(300).toString('base64'),
    expiration: new Date(ctx.now.getTime() + (ctx.state.sessionLifetimeMs ?? fields.durationSeconds * 1000)),
    roleArn: role.arn,
    roleName: role.name,
    // The role's account, which is not the caller's when the role is in another account.
    assumedRoleArn: `arn:${role.arn.split(':')[1]}:sts::${role.arn.split(':')[4]}:assumed-role/${role.name}/${fields.sessionName}`,
    assumedRoleId: `${role.id}:${fields.sessionName}`,
    ...fields
  }
  ctx.state.sessions.set(session.accessKeyId, session)
  return session
}

function sessionResult(session: MintedSession): ActionResult {
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: session.expiration
    },
    AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn }
  }
}

/** The ARNs a trust policy's AWS principal can name for this caller. */
function callerPrincipals(identity: Identity): string[] {
  return identity.kind === 'assumed-role' ? [identity.arn, identity.role.arn] : [identity.arn]
}

const assumeRole: ActionHandler = ctx => {
  const identity = requireIdentity(ctx)
  const roleArn = ctx.params.get('RoleArn')
  const sessionName = validateSessionName(ctx.params.get('RoleSessionName'))
  const role = findRole(ctx, roleArn)
  const denied = new AwsError(
    403,
    'AccessDenied',
    `User: ${identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`
  )
  requireAllowed(identity, 'sts:AssumeRole', roleArn ?? undefined)
  if (!role) throw denied
  const tags = readTags(ctx.params)
  const externalId = ctx.params.get('ExternalId') ?? undefined
  const context: ConditionContext = {
    'sts:ExternalId': externalId,
    'aws:PrincipalArn': identity.kind === 'assumed-role' ? identity.role.arn : identity.arn,
    'sts:RoleSessionName': sessionName
  }
  for (const tag of tags) context[`aws:RequestTag/${tag.key}`] = tag.value
  const request = {
    principals: { aws: callerPrincipals(identity) },
    accountId: ctx.state.account.accountId,
    context
  }
  if (!trustAllows(role.trustPolicy.Statement, { ...request, action: 'sts:AssumeRole' })) throw denied
  if (tags.length > 0) {
    // Session tags need sts:TagSession both in the caller's policy and in the role's trust policy.
    requireAllowed(identity, 'sts:TagSession', roleArn ?? undefined)
    if (!trustAllows(role.trustPolicy.Statement, { ...request, action: 'sts:TagSession' })) {
      throw new AwsError(
        403,
        'AccessDenied',
        `User: ${identity.arn} is not authorized to perform: sts:TagSession on resource: ${roleArn}`
      )
    }
  }
  const chained = identity.kind === 'assumed-role'
  const session = mintSession(ctx, role, {
    via: 'AssumeRole',
    sessionName,
    durationSeconds: durationSeconds(ctx, role, chained),
    sourceArn: identity.arn,
    externalId,
    tags,
    transitiveTagKeys: readList(ctx.params, 'TransitiveTagKeys'),
    ...sessionPolicies(ctx.params)
  })
  const packed = tags.length > 0 ? { PackedPolicySize: Math.min(100, tags.length * 2) } : {}
  return { ...sessionResult(session), ...packed }
}

/** Policy and PolicyArns of an assume call, validated as AWS does. */
function sessionPolicies(params: URLSearchParams): { policy?: string; policyArns: string[] } {
  const policy = params.get('Policy') ?? undefined
  if (policy !== undefined) sessionPolicy(policy)
  return { policy, policyArns: readPolicyArns(params) }
}

function readList(params: URLSearchParams, name: string): string[] {
  const values: string[] = []
  for (let i = 1; params.has(`${name}.member.${i}`); i++) values.push(params.get(`${name}.member.${i}`) ?? '')
  return values
}

const invalidToken = (message: string): AwsError => new AwsError(400, 'InvalidIdentityToken', message)

const assumeRoleWithWebIdentity: ActionHandler = ctx => {
  const roleArn = ctx.params.get('RoleArn')
  const sessionName = validateSessionName(ctx.params.get('RoleSessionName'))
  const token = ctx.params.get('WebIdentityToken')
  if (!token)
    throw validationError(
      "1 validation error detected: Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null"
    )
  let decoded
  try {
    decoded = decodeJwt(token)
  } catch {
    throw invalidToken("Couldn't parse the token: it is not a valid JWT")
  }
  const claims = decoded.claims
  const issuer = String(claims.iss ?? '')
  const account = ctx.state.account
  const provider = account.oidcProviders.find(p => p.url === issuer)
  if (!provider) throw invalidToken(`No OpenIDConnect provider found in your account for ${issuer}`)
  const keys = ctx.state.oidcKeys.get(issuer) ?? []
  if (!verifyJwtSignature(decoded, keys))
    throw invalidToken('The signature of the web identity token could not be verified')
  const nowSeconds = Math.floor(ctx.now.getTime() / 1000)
  const exp = Number(claims.exp)
  if (!Number.isFinite(exp) || exp <= nowSeconds) {
    throw new AwsError(
      400,
      'ExpiredTokenException',
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${exp}`
    )
  }
  if (Number(claims.nbf ?? 0) > nowSeconds + 300)
    throw invalidToken('Token is not yet valid (nbf is in the future)')
  const audiences = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud ?? '')]
  if (!audiences.some(a => provider.clientIds.includes(a))) throw invalidToken('Incorrect token audience')
  const role = findRole(ctx, roleArn)
  const host = issuer.replace(/^https:\/\//, '')
  // IAM exposes only these token claims as condition keys for a generic OIDC provider.
  const context: ConditionContext = {
    [`${host}:sub`]: String(claims.sub ?? ''),
    [`${host}:aud`]: audiences[0],
    [`${host}:amr`]: typeof claims.amr === 'string' ? claims.amr : undefined
  }
  const trusted =
    role !== undefined &&
    trustAllows(role.trustPolicy.Statement, {
      action: 'sts:AssumeRoleWithWebIdentity',
      principals: { federated: provider.arn },
      accountId: account.accountId,
      context
    })
  if (!role || !trusted)
    throw new AwsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity')
  const chained = false
  const session = mintSession(ctx, role, {
    via: 'AssumeRoleWithWebIdentity',
    sessionName,
    durationSeconds: durationSeconds(ctx, role, chained),
    tags: [],
    transitiveTagKeys: [],
    ...sessionPolicies(ctx.params),
    webIdentityClaims: claims
  })
  return {
    ...sessionResult(session),
    SubjectFromWebIdentityToken: String(claims.sub ?? ''),
    Audience: audiences[0],
    Provider: provider.arn
  }
}

export const STS_ACTIONS: Record<string, ActionHandler> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity
}
