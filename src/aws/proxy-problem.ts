import { redactUrl } from '../inputs/network-inputs.js'

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
