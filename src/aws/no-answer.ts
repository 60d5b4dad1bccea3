// SDK-free, so the entry chunk's token request can classify its failures without loading the SDK.

interface NetworkErrorFields {
  name?: string
  code?: string
}

/** Codes of a connection the other end (or something on the way) closed: it answered, with a reset. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE'])

/**
 * A timeout: the connection did not open, or the endpoint stayed silent. The SDK names its own timeouts
 * TimeoutError (the request timeout with code ETIMEDOUT, the connect and socket timeouts without a code),
 * but it names a reset connection (ECONNRESET, EPIPE: "socket hang up") TimeoutError too: that one is
 * not silence, and is retried like any transient error.
 */
export function isNoAnswer(error: unknown): boolean {
  const { name, code } = (error ?? {}) as NetworkErrorFields
  return code === 'ETIMEDOUT' || (name === 'TimeoutError' && connectionFailure(error) === undefined)
}

/** https-proxy-agent's error when the proxy closed the tunnel before answering CONNECT: a reset too. */
const TUNNEL_CLOSED = 'Proxy connection ended before receiving CONNECT response'

/** How a connection failed when it did not simply stay silent: reset, or refused. */
export function connectionFailure(error: unknown): 'reset' | 'refused' | undefined {
  const { code, message } = (error ?? {}) as NetworkErrorFields & { message?: unknown }
  if ((code !== undefined && RESET_CODES.has(code)) || message === TUNNEL_CLOSED) return 'reset'
  return code === 'ECONNREFUSED' ? 'refused' : undefined
}
