import { formatKeyId } from './access-key-id.js'
import { ENDPOINT_KEY } from './clients.js'
import { ACCESS_DENIED_CODES, NETWORK_ERROR_CODES, errorCodeOf } from './error-code.js'
import { proxyFor, REQUEST_TIMEOUT_MS } from './http-agent.js'
import { isNoAnswer, MAX_NO_ANSWER_ATTEMPTS } from './retry-strategy.js'
import { connectionFailure } from './no-answer.js'
import { endpointVariant } from './expected-endpoint.js'
import { proxyProblem } from './proxy-problem.js'
import { redactUrl } from './redact-url.js'

export type ErrorKind =
  | 'unknown-key'
  | 'signature-mismatch'
  | 'expired-token'
  | 'access-denied'
  | 'throttled'
  | 'unreachable'
  | 'server'
  | 'other'

/** What went wrong with one AWS call, in words a user can act on. */
export interface Diagnosis {
  readonly kind: ErrorKind
  /** AWS error code or network error code, e.g. InvalidClientTokenId, ECONNREFUSED. */
  readonly code: string
  readonly message: string
}

/** The call that failed, for the message. */
export interface FailedCall {
  /** IAM action name, e.g. `sts:GetCallerIdentity`. */
  readonly action: string
  readonly region: string
  /** Key id that signed the call, shown as AKIA…last4. */
  readonly accessKeyId?: string
  /** Attempts configured, used when the error does not say how many were made. */
  readonly maxAttempts: number
}

const UNKNOWN_KEY = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'AuthFailure'
])
const SIGNATURE = new Set(['SignatureDoesNotMatch', 'IncompleteSignature'])
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired'])
const DENIED = ACCESS_DENIED_CODES
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown'
])
const NETWORK = NETWORK_ERROR_CODES

interface ErrorFields {
  name?: string
  code?: string
  Code?: string
  message?: string
  $metadata?: { httpStatusCode?: number; attempts?: number }
  [ENDPOINT_KEY]?: string
}

function fieldsOf(error: unknown): ErrorFields {
  return error !== null && typeof error === 'object' ? (error as ErrorFields) : { message: String(error) }
}

function keyPhrase(call: FailedCall): string {
  return call.accessKeyId ? `access key ${formatKeyId(call.accessKeyId)}` : 'the access key'
}

/** When the job asks for FIPS or dual-stack endpoints, the endpoint may simply not exist in that variant. */
function variantHint(): string {
  const { fips, dualStack } = endpointVariant()
  const names = [fips ? 'AWS_USE_FIPS_ENDPOINT' : '', dualStack ? 'AWS_USE_DUALSTACK_ENDPOINT' : ''].filter(
    Boolean
  )
  return names.length === 0
    ? ''
    : ` The job sets ${names.join(' and ')}: not every service has such an endpoint in every region; unset it for this step or pick a region that has one.`
}

/** Maps an AWS SDK error to a message that says what to change (docs/architecture.md, "Failures and secrets"). */
export function diagnose(error: unknown, call: FailedCall): Diagnosis {
  const fields = fieldsOf(error)
  const code = errorCodeOf(error)
  const status = fields.$metadata?.httpStatusCode
  const attempts = fields.$metadata?.attempts ?? call.maxAttempts
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`
  const endpoint =
    fields[ENDPOINT_KEY] ?? `the ${call.action.split(':')[0].toUpperCase()} endpoint for ${call.region}`

  const proxied = /^https?:\/\//.test(endpoint) ? proxyFor(endpoint) : ''
  const viaProxy = proxied ? proxyProblem(proxied, code, status, `${call.action} to ${endpoint}`) : undefined
  if (viaProxy) return { kind: 'unreachable', code, message: viaProxy }
  if (isNoAnswer(error)) {
    const silent = Math.min(attempts, MAX_NO_ANSWER_ATTEMPTS)
    const tries = `${silent} attempt${silent === 1 ? '' : 's'}`
    return {
      kind: 'unreachable',
      code: 'TimeoutError',
      message: `${endpoint} did not answer ${call.action}: ${tries}, each given up after ${REQUEST_TIMEOUT_MS / 1000} s without a response${proxied ? ` (through the proxy ${redactUrl(proxied)})` : ''}. The endpoint accepts connections but does not respond: check firewalls, the proxy, VPC endpoints and any AWS_ENDPOINT_URL or sts-endpoint setting.`
    }
  }
  if (UNKNOWN_KEY.has(code)) {
    return {
      kind: 'unknown-key',
      code,
      message: `AWS does not recognise ${keyPhrase(call)} (${call.action} returned ${code}). The key may have been deleted or deactivated, or belong to another partition. Check the aws-access-key-id secret, or create a new key in IAM and update the secret.`
    }
  }
  if (SIGNATURE.has(code)) {
    return {
      kind: 'signature-mismatch',
      code,
      message: `The secret access key does not match ${keyPhrase(call)} (${call.action} returned ${code}). The aws-secret-access-key secret is probably wrong or truncated: paste the whole secret again, or create a new key pair and update both secrets.`
    }
  }
  if (EXPIRED.has(code)) {
    return {
      kind: 'expired-token',
      code,
      message: `The session token has expired (${call.action} returned ${code}). Temporary credentials stop working when their session ends: refresh aws-session-token, or use role-to-assume with GitHub OIDC so every run gets a fresh session.`
    }
  }
  if (DENIED.has(code)) {
    return {
      kind: 'access-denied',
      code,
      message: `Access denied to ${call.action} (${code}): ${fields.message ?? 'no detail from AWS'}`
    }
  }
  if (THROTTLED.has(code) || status === 429) {
    return {
      kind: 'throttled',
      code,
      message: `AWS throttled ${call.action} and it still failed after ${tries} (${code}). Raise retry-max-attempts, or spread out the jobs that call AWS at the same time.`
    }
  }
  const failed = connectionFailure(error)
  if (failed !== undefined) {
    const hint =
      failed === 'reset'
        ? 'Something between the runner and AWS (a proxy, firewall or NAT) closes connections: re-run the job, raise retry-max-attempts, or check the network and proxy settings.'
        : `Nothing accepts connections there: check the aws-region input (${call.region}), any AWS_ENDPOINT_URL or sts-endpoint setting, and the proxy settings.`
    return {
      kind: 'unreachable',
      code,
      message: `The connection to ${endpoint} was ${failed} during ${call.action}, after ${tries} (${code === 'Error' ? fields.message : code}). ${hint}`
    }
  }
  if (NETWORK.has(code) || fields.name === 'TimeoutError') {
    return {
      kind: 'unreachable',
      code,
      message: `Could not reach ${endpoint} for ${call.action} after ${tries} (${code}). Check the runner's network and proxy settings, the aws-region input (${call.region}) and any AWS_ENDPOINT_URL variable.${variantHint()}`
    }
  }
  if (status !== undefined && status >= 500) {
    return {
      kind: 'server',
      code,
      message: `AWS answered ${call.action} with ${code} (HTTP ${status}) after ${tries}. This is on AWS's side; re-run the job later, or raise retry-max-attempts.`
    }
  }
  return {
    kind: 'other',
    code,
    message: `${call.action} failed: ${code}${fields.message ? `: ${fields.message}` : ''}`
  }
}
