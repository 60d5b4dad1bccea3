import { formatKeyId, isTemporaryKeyId } from '../aws/access-key-id.js'
import { defaultAudience, partitionOfRegion } from '../aws/partition.js'
import { InputError, boolean, integer, matching, optional, type Read } from './read-input.js'

/** Where the credentials come from, and how AWS is called. */
export interface CredentialSettings {
  /** Region exported as AWS_REGION/AWS_DEFAULT_REGION and used for regional endpoints. */
  readonly region: string
  /** Stored long-lived or temporary key id (`aws-access-key-id`). */
  readonly accessKeyId?: string
  /** Secret that goes with accessKeyId; masked first thing in main. */
  readonly secretAccessKey?: string
  /** Session token of stored temporary keys. */
  readonly sessionToken?: string
  /** Role ARN or bare role name to assume. */
  readonly roleToAssume?: string
  readonly roleSessionName: string
  readonly roleDurationSeconds: number
  readonly roleExternalId?: string
  /** Assume the role with credentials already present in the environment. */
  readonly roleChaining: boolean
  readonly roleSkipSessionTagging: boolean
  /** Audience requested for the GitHub OIDC token (default: sts.amazonaws.com, .com.cn in China). */
  readonly audience: string
  readonly webIdentityTokenFile?: string
}

// us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1
const REGION = /^[a-z]{2,4}(-[a-z]+){1,2}-\d{1,2}$/
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/
const ROLE_ARN =
  /^arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/

function readRegion(read: Read): string {
  const region = matching(
    read,
    'aws-region',
    REGION,
    'a region code like eu-west-1, us-gov-west-1 or cn-north-1'
  )
  if (region === undefined) {
    throw new InputError('aws-region', 'is required. Expected a region code like eu-west-1.')
  }
  return region
}

export function readCredentialInputs(read: Read): CredentialSettings {
  const region = readRegion(read)
  return {
    region,
    accessKeyId: matching(
      read,
      'aws-access-key-id',
      ACCESS_KEY_ID,
      'an access key id of 16-128 capital letters and digits, like AKIA…'
    ),
    secretAccessKey: matching(read, 'aws-secret-access-key', /^\S+$/, 'a secret access key without spaces'),
    sessionToken: matching(read, 'aws-session-token', /^\S+$/, 'a session token without spaces'),
    roleToAssume: matching(
      read,
      'role-to-assume',
      new RegExp(`${ROLE_ARN.source}|${ROLE_NAME.source}`),
      'a role ARN like arn:aws:iam::123456789012:role/deploy, or a bare role name'
    ),
    roleSessionName:
      matching(read, 'role-session-name', SESSION_NAME, '2-64 characters of letters, digits and _+=,.@-') ??
      'GitHubActions',
    roleDurationSeconds: integer(read, 'role-duration-seconds', 3600, 900, 43200),
    roleExternalId: matching(
      read,
      'role-external-id',
      EXTERNAL_ID,
      '2-1224 characters of letters, digits and _+=,.@:/-'
    ),
    roleChaining: boolean(read, 'role-chaining', false),
    roleSkipSessionTagging: boolean(read, 'role-skip-session-tagging', false),
    // action.yml gives no default: an empty audience is the STS host of the region's partition.
    audience: optional(read, 'audience') ?? defaultAudience(region),
    webIdentityTokenFile: optional(read, 'web-identity-token-file')
  }
}

/** The credential inputs that only make sense together, or not together. */
export function validateCredentialInputs(settings: CredentialSettings): void {
  if ((settings.accessKeyId === undefined) !== (settings.secretAccessKey === undefined)) {
    const given = settings.accessKeyId === undefined ? 'aws-secret-access-key' : 'aws-access-key-id'
    throw new InputError(
      given,
      'aws-access-key-id and aws-secret-access-key must be given together (or neither, to use OIDC with role-to-assume).'
    )
  }
  if (
    settings.accessKeyId !== undefined &&
    isTemporaryKeyId(settings.accessKeyId) &&
    settings.sessionToken === undefined
  ) {
    throw new InputError(
      'aws-session-token',
      `aws-access-key-id ${formatKeyId(settings.accessKeyId)} is a temporary (ASIA…) key, which only works with the session token issued with it. Add aws-session-token, or use a long-lived AKIA… key.`
    )
  }
  if (settings.sessionToken !== undefined && settings.accessKeyId === undefined) {
    throw new InputError(
      'aws-session-token',
      'is only used with aws-access-key-id and aws-secret-access-key.'
    )
  }
}

/** What decides whether role-to-assume is assumed with a web identity (see src/auth/select-provider.ts). */
type RoleSourceSettings = CredentialSettings & { readonly forceSkipOidc: boolean }

/** The role inputs that only make sense with role-to-assume, or with a particular credential source. */
export function validateRoleInputs(settings: RoleSourceSettings): void {
  if (settings.roleToAssume === undefined) {
    for (const [name, given] of [
      ['role-chaining', settings.roleChaining],
      ['role-external-id', settings.roleExternalId !== undefined],
      ['web-identity-token-file', settings.webIdentityTokenFile !== undefined]
    ] as const) {
      if (given) throw new InputError(name, 'is only used together with role-to-assume.')
    }
  }
  if (settings.roleChaining && settings.accessKeyId !== undefined) {
    throw new InputError(
      'role-chaining',
      'assumes the role with credentials already in the environment; do not also give stored keys.'
    )
  }
  if (settings.webIdentityTokenFile !== undefined && settings.accessKeyId !== undefined) {
    throw new InputError('web-identity-token-file', 'is used instead of stored keys; give one or the other.')
  }
  requireRoleSource(settings)
}

function requireRoleSource(settings: RoleSourceSettings): void {
  if (settings.roleToAssume === undefined) return
  // Without force-skip-oidc, no keys and no chaining mean a web identity whenever GitHub offers a token;
  // the checks below hold for that case, so a missing id-token permission cannot change their outcome.
  const web =
    settings.accessKeyId === undefined &&
    !settings.roleChaining &&
    (!settings.forceSkipOidc || settings.webIdentityTokenFile !== undefined)
  if (settings.roleChaining && settings.webIdentityTokenFile !== undefined) {
    throw new InputError(
      'role-chaining',
      'assumes the role with credentials already in the environment; web-identity-token-file is another source. Give one or the other.'
    )
  }
  if (web && !settings.roleToAssume.startsWith('arn:')) {
    throw new InputError(
      'role-to-assume',
      `got the bare role name '${settings.roleToAssume}', which is completed with the account of the credentials that assume it; with OIDC there are none yet. Give the full ARN, like arn:${partitionOfRegion(settings.region)}:iam::123456789012:role/${settings.roleToAssume} (or set force-skip-oidc to assume it with the runner's own credentials).`
    )
  }
  if (web && settings.roleExternalId !== undefined) {
    throw new InputError(
      'role-external-id',
      'is sent with AssumeRole from stored keys or role-chaining; AssumeRoleWithWebIdentity (OIDC) has no external id. Remove it, or put the condition on the token claims in the trust policy.'
    )
  }
  if (settings.roleChaining && settings.roleDurationSeconds > 3600) {
    throw new InputError(
      'role-duration-seconds',
      `got ${settings.roleDurationSeconds}. AWS limits sessions assumed by role chaining to 3600 seconds; expected 900 to 3600 with role-chaining.`
    )
  }
}
