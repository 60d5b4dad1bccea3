import * as core from '@actions/core'
import { formatKeyId, isTemporaryKeyId } from './aws/access-key-id.js'

/** The validations the action knows; `identity` always runs. */
export const CHECK_NAMES = ['identity', 'regions', 'users', 'key-age'] as const
export type CheckName = (typeof CHECK_NAMES)[number]

export type AuditScope = 'caller' | 'account'

/** Every input, validated and typed. Produced once by {@link readSettings}; frozen. */
export interface Settings {
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
  /** Audience requested for the GitHub OIDC token. */
  readonly audience: string
  readonly webIdentityTokenFile?: string
  /** Accounts the identity may belong to; empty means any. */
  readonly allowedAccountIds: readonly string[]
  readonly maskAccountId: boolean
  readonly outputEnvCredentials: boolean
  readonly outputCredentials: boolean
  /** Named profile to write to the shared credentials/config files. */
  readonly awsProfile?: string
  readonly overwriteAwsProfile: boolean
  /** Attempts per AWS call (first try included) on throttling, 5xx and network errors. */
  readonly retryMaxAttempts: number
  /** Checks to run, identity first, no duplicates. */
  readonly checks: readonly CheckName[]
  readonly warnKeyAgeDays: number
  readonly maxKeyAgeDays: number
  readonly enforceKeyAge: boolean
  readonly failOnDenied: boolean
  readonly auditScope: AuditScope
  readonly unusedKeyDays: number
  readonly failOnFindings: boolean
  readonly reportPath?: string
  readonly githubToken?: string
  readonly openIssue: boolean
}

/** A bad input: the message names the input and what is allowed, and never echoes a secret. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Invalid input '${input}': ${detail}`)
    this.name = 'InputError'
  }
}

/** How a settings value appears in the debug log: secrets hidden, key ids as AKIA…last4. */
function describeForLog(field: string, value: unknown): string {
  if (value === undefined) return 'undefined'
  if (SECRET_FIELDS.has(field)) return '***'
  if (field === 'accessKeyId') return formatKeyId(String(value))
  return JSON.stringify(value)
}

/** Inputs that hold secrets: their values never appear in a message. */
const SECRET_INPUTS = new Set(['aws-secret-access-key', 'aws-session-token', 'github-token'])
/** The Settings fields that hold those secrets. */
const SECRET_FIELDS = new Set(['secretAccessKey', 'sessionToken', 'githubToken'])

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

// us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1
const REGION = /^[a-z]{2,4}(-[a-z]+){1,2}-\d{1,2}$/
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/
const ROLE_ARN =
  /^arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/
const PROFILE_NAME = /^[\w.+@-]{1,64}$/
const ACCOUNT_ID = /^\d{12}$/
const INTEGER = /^\d+$/

type Read = (name: string) => string

function readRaw(name: string): string {
  return core.getInput(name, { trimWhitespace: true })
}

/** Reads one input and rejects control characters, so nothing can smuggle a line into a runner file. */
function text(read: Read, name: string): string {
  const value = read(name)
  const match = CONTROL_CHARACTER.exec(value)
  if (match) {
    const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    throw new InputError(
      name,
      `contains a newline or control character (${code} at position ${match.index + 1}). Values are written to runner files and logs; remove it (check the secret or variable for a trailing line break).`
    )
  }
  return value
}

function optional(read: Read, name: string): string | undefined {
  const value = text(read, name)
  return value === '' ? undefined : value
}

function shown(name: string, value: string): string {
  return SECRET_INPUTS.has(name) ? '' : ` '${value}'`
}

function matching(read: Read, name: string, pattern: RegExp, expected: string): string | undefined {
  const value = optional(read, name)
  if (value !== undefined && !pattern.test(value)) {
    throw new InputError(name, `got${shown(name, value)}. Expected ${expected}.`)
  }
  return value
}

function boolean(read: Read, name: string, fallback: boolean): boolean {
  const value = text(read, name)
  if (value === '') return fallback
  if (/^true$/i.test(value)) return true
  if (/^false$/i.test(value)) return false
  throw new InputError(name, `got '${value}'. Expected true or false.`)
}

function integer(read: Read, name: string, fallback: number, min: number, max: number): number {
  const value = text(read, name)
  if (value === '') return fallback
  const parsed = INTEGER.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new InputError(name, `got '${value}'. Expected a whole number from ${min} to ${max}.`)
  }
  return parsed
}

function list(read: Read, name: string): string[] {
  return text(read, name)
    .split(',')
    .map(item => item.trim())
    .filter(item => item !== '')
}

function oneOf<T extends string>(read: Read, name: string, allowed: readonly T[], fallback: T): T {
  const value = text(read, name)
  if (value === '') return fallback
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `got '${value}'. Expected one of: ${allowed.join(', ')}.`)
  }
  return value as T
}

function readChecks(read: Read): CheckName[] {
  // Empty means the default, as for every other input: `checks: ${{ inputs.checks }}` passed nothing
  // must not quietly drop key-age enforcement.
  const names = list(read, 'checks')
  if (names.length === 0) return [...CHECK_NAMES]
  const unknown = names.filter(n => !(CHECK_NAMES as readonly string[]).includes(n))
  if (unknown.length > 0) {
    throw new InputError(
      'checks',
      `unknown check ${unknown.map(n => `'${n}'`).join(', ')}. Expected a comma-separated list of: ${CHECK_NAMES.join(', ')}.`
    )
  }
  // identity always runs and comes first: every other check is read against it.
  return CHECK_NAMES.filter(n => n === 'identity' || names.includes(n))
}

function readAccountIds(read: Read): string[] {
  const ids = list(read, 'allowed-account-ids')
  const bad = ids.find(id => !ACCOUNT_ID.test(id))
  if (bad !== undefined) {
    throw new InputError(
      'allowed-account-ids',
      `got '${bad}'. Expected comma-separated 12-digit AWS account ids.`
    )
  }
  return [...new Set(ids)]
}

function requireTogether(settings: Settings): void {
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
  if (settings.warnKeyAgeDays > settings.maxKeyAgeDays) {
    throw new InputError(
      'warn-key-age-days',
      `${settings.warnKeyAgeDays} is greater than max-key-age-days (${settings.maxKeyAgeDays}). Expected warn-key-age-days <= max-key-age-days.`
    )
  }
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
  if (settings.openIssue && settings.auditScope !== 'account') {
    throw new InputError(
      'open-issue',
      'only applies to the account audit. Set audit-scope: account, or remove open-issue.'
    )
  }
  if (settings.openIssue && settings.githubToken === undefined) {
    throw new InputError(
      'github-token',
      'is empty, and open-issue needs it to write the audit issue. Leave github-token at its default (${{ github.token }}) with `permissions: issues: write`, or pass a token that may write issues.'
    )
  }
  if (settings.accessKeyId === undefined && settings.roleToAssume === undefined) {
    throw new InputError(
      'role-to-assume',
      'no credentials were given. Set role-to-assume (with `permissions: id-token: write` for GitHub OIDC), or aws-access-key-id and aws-secret-access-key from secrets.'
    )
  }
}

/** The role inputs that only make sense with a particular credential source. */
function requireRoleSource(settings: Settings): void {
  if (settings.roleToAssume === undefined) return
  const web = settings.accessKeyId === undefined && !settings.roleChaining
  if (settings.roleChaining && settings.webIdentityTokenFile !== undefined) {
    throw new InputError(
      'role-chaining',
      'assumes the role with credentials already in the environment; web-identity-token-file is another source. Give one or the other.'
    )
  }
  if (web && !settings.roleToAssume.startsWith('arn:')) {
    throw new InputError(
      'role-to-assume',
      `got the bare role name '${settings.roleToAssume}', which is completed with the account of the credentials that assume it; with OIDC there are none yet. Give the full ARN, like arn:aws:iam::123456789012:role/${settings.roleToAssume}.`
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

/**
 * Reads and validates every input; the only place that calls `core.getInput`. Throws {@link InputError}
 * before anything touches the network.
 */
export function readSettings(read: Read = readRaw): Settings {
  const settings: Settings = {
    region: (() => {
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
    })(),
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
    audience: optional(read, 'audience') ?? 'sts.amazonaws.com',
    webIdentityTokenFile: optional(read, 'web-identity-token-file'),
    allowedAccountIds: readAccountIds(read),
    maskAccountId: boolean(read, 'mask-aws-account-id', false),
    outputEnvCredentials: boolean(read, 'output-env-credentials', true),
    outputCredentials: boolean(read, 'output-credentials', false),
    awsProfile: matching(
      read,
      'aws-profile',
      PROFILE_NAME,
      'a profile name of 1-64 letters, digits and _.+@-'
    ),
    overwriteAwsProfile: boolean(read, 'overwrite-aws-profile', false),
    retryMaxAttempts: integer(read, 'retry-max-attempts', 5, 1, 10),
    checks: readChecks(read),
    warnKeyAgeDays: integer(read, 'warn-key-age-days', 75, 1, 3650),
    maxKeyAgeDays: integer(read, 'max-key-age-days', 90, 1, 3650),
    enforceKeyAge: boolean(read, 'enforce-key-age', true),
    failOnDenied: boolean(read, 'fail-on-denied', false),
    auditScope: oneOf(read, 'audit-scope', ['caller', 'account'] as const, 'caller'),
    unusedKeyDays: integer(read, 'unused-key-days', 45, 1, 3650),
    failOnFindings: boolean(read, 'fail-on-findings', true),
    reportPath: optional(read, 'report-path'),
    githubToken: optional(read, 'github-token'),
    openIssue: boolean(read, 'open-issue', false)
  }
  requireTogether(settings)
  for (const [field, value] of Object.entries(settings)) {
    core.debug(`input ${field} = ${describeForLog(field, value)}`)
  }
  Object.freeze(settings.checks)
  Object.freeze(settings.allowedAccountIds)
  return Object.freeze(settings)
}
