import { InputError, boolean, integer, list, optional, quoted, type Read } from './read-input.js'
import { redactUrl } from '../aws/redact-url.js'

/** How AWS and the token endpoint are reached: proxy, endpoints, retries and time limits. */
export interface NetworkSettings {
  /** Proxy for every AWS call and the OIDC token request; undefined: HTTPS_PROXY / HTTP_PROXY apply. */
  readonly httpProxy?: string
  /** Hosts that bypass the proxy (NO_PROXY syntax); undefined: NO_PROXY applies. */
  readonly noProxy?: readonly string[]
  /** STS endpoint URL (STS-compatible services, private endpoints). */
  readonly stsEndpoint?: string
  /** Whole-step limit in seconds; 0 means none. */
  readonly actionTimeoutSeconds: number
  /** Attempts per AWS call (first try included); 1 with disable-retry. */
  readonly retryMaxAttempts: number
  readonly disableRetry: boolean
}

// configure-aws-credentials: default 12, values below 1 become 1, no upper limit. Here out-of-range values
// are an error, and 100 is the ceiling: beyond it, backoff alone outlasts any sensible job.
const DEFAULT_ATTEMPTS = 12
const MAX_ATTEMPTS = 100
const MAX_TIMEOUT_SECONDS = 6 * 3600 // GitHub's own job limit on hosted runners

function readUrl(
  read: Read,
  name: string,
  protocols: readonly string[],
  example: string
): string | undefined {
  const value = optional(read, name)
  if (value === undefined) return undefined
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !protocols.includes(url.protocol) || url.hostname === '') {
    throw new InputError(name, `got ${quoted(redactUrl(value))}. Expected a URL like ${example}.`)
  }
  return value
}

function readRetryAttempts(read: Read, disableRetry: boolean): number {
  const attempts = integer(read, 'retry-max-attempts', DEFAULT_ATTEMPTS, 1, MAX_ATTEMPTS)
  return disableRetry ? 1 : attempts
}

export function readNetworkInputs(read: Read): NetworkSettings {
  const noProxy = list(read, 'no-proxy')
  const disableRetry = boolean(read, 'disable-retry', false)
  return {
    httpProxy: readUrl(read, 'http-proxy', ['http:', 'https:'], 'http://proxy.example.com:3128'),
    noProxy: noProxy.length > 0 ? Object.freeze(noProxy) : undefined,
    stsEndpoint: readUrl(read, 'sts-endpoint', ['https:', 'http:'], 'https://sts.eu-west-1.amazonaws.com'),
    actionTimeoutSeconds: integer(read, 'action-timeout-s', 0, 0, MAX_TIMEOUT_SECONDS),
    retryMaxAttempts: readRetryAttempts(read, disableRetry),
    disableRetry
  }
}

export function validateNetworkInputs(settings: NetworkSettings): void {
  const bad = settings.noProxy?.find(host => /[\s/]/.test(host) || host.includes('://'))
  if (bad !== undefined) {
    throw new InputError(
      'no-proxy',
      `got ${quoted(bad)}. Expected host names, domain suffixes (.example.com), host:port or *, separated by commas or newlines.`
    )
  }
}
