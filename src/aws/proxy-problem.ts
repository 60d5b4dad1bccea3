import { redactUrl } from './redact-url.js'

/** Network errors that, with a proxy configured, mean the proxy itself could not be reached. */
const PROXY_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/**
 * The one message for a request that failed because of its proxy, naming the proxy without any password
 * in its URL; undefined when the failure is not the proxy's. `what` says which request it was.
 */
export function proxyProblem(
  proxyUrl: string,
  code: string | undefined,
  status: number | undefined,
  what: string
): string | undefined {
  const proxy = redactUrl(proxyUrl)
  if (status === 407) {
    return `The proxy ${proxy} asks for authentication (HTTP 407) for ${what}. Put the proxy's user and password in the URL (http://user:password@host:port) of http-proxy or HTTPS_PROXY, from a secret, or add the host to no-proxy.`
  }
  if (code !== undefined && PROXY_UNREACHABLE.has(code)) {
    return `Could not connect to the proxy ${proxy} for ${what} (${code}). Check http-proxy / HTTPS_PROXY / HTTP_PROXY, that the proxy is running and reachable from the runner, or add the host to no-proxy.`
  }
  return undefined
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']

/**
 * The proxy itself refused the connection or could not be found: the same on every attempt, so not worth
 * retry-max-attempts retries. Told apart from the endpoint refusing by the address the error names.
 */
export function isProxyRefusal(
  error: unknown,
  env: Record<string, string | undefined> = process.env
): boolean {
  const fields = (error ?? {}) as { code?: string; address?: string; port?: number; hostname?: string }
  if (!fields.code || !PROXY_UNREACHABLE.has(fields.code)) return false
  return PROXY_VARIABLES.some(name => {
    const value = env[name]
    if (!value) return false
    try {
      const proxy = new URL(value)
      const port = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80))
      const host = proxy.hostname.replace(/^\[|\]$/g, '')
      return (
        (fields.address === host || fields.hostname === host) &&
        (fields.port === undefined || fields.port === port)
      )
    } catch {
      return false
    }
  })
}
