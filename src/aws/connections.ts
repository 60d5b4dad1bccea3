import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { isIP, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { createSecureContext, type SecureContext } from 'node:tls'
import { CONNECTION_TIMEOUT_MS, REQUEST_TIMEOUT_MS, proxyAgent } from './http-agent.js'

// The connection model (CONTRIBUTING: "Connections"): every AWS client of the run sends through the
// same two keep-alive agents, so a connection opened for one call (the assume call, say) carries the
// next call to that endpoint (host:port) too, whichever client makes it. Connections the run will need
// can be opened ahead (`preconnect`) while earlier work is in flight; the first requests that need a
// new connection to that endpoint take them instead of paying the TCP and TLS handshakes themselves.
// This is the one place that decides how the SDK reaches an endpoint (a proxy agent belongs here too).

type Callback = (err: Error | null, stream: Duplex) => void

/** Opened ahead of need, by endpoint key (host:port), waiting for the first request that needs one. */
const waiting = new Map<string, Socket[]>()

const endpointKey = (host: string | null | undefined, port: number | string | null | undefined) =>
  `${host ?? 'localhost'}:${port ?? ''}`

/** A connection opened ahead, if one to that endpoint is still open. */
function takeWaiting(key: string): Socket | undefined {
  const sockets = waiting.get(key) ?? []
  while (sockets.length > 0) {
    const socket = sockets.shift()!
    if (!socket.destroyed) {
      // Held unref'd while it waited, so an unused one never keeps the process alive; in use, it must.
      socket.ref()
      return socket
    }
  }
  return undefined
}

function keepWaiting(key: string, socket: Socket): void {
  socket.unref()
  // Unused, a failed connection only means the request opens its own and reports its error itself.
  const drop = () => {
    const sockets = waiting.get(key)
    const at = sockets?.indexOf(socket) ?? -1
    if (at >= 0) sockets!.splice(at, 1)
  }
  socket.on('error', drop)
  socket.once('close', drop)
  waiting.set(key, [...(waiting.get(key) ?? []), socket])
}

/** A keep-alive agent that hands out the connections opened ahead before it opens new ones. */
class ReusingHttpAgent extends HttpAgent {
  override createConnection(options: ClientRequestArgs, callback?: Callback) {
    return takeWaiting(endpointKey(options.host, options.port)) ?? super.createConnection(options, callback)
  }
}

class ReusingHttpsAgent extends HttpsAgent {
  override createConnection(options: ClientRequestArgs, callback?: Callback) {
    return takeWaiting(endpointKey(options.host, options.port)) ?? super.createConnection(options, callback)
  }
}

// keepAlive: a connection goes back to the pool when its response has been read. No socket limit: the
// checks' concurrent calls each need their own connection.
const http = new ReusingHttpAgent({ keepAlive: true })
const https = new ReusingHttpsAgent({ keepAlive: true })

let secureContext: SecureContext | undefined
/** The TLS settings Node gives a connection by default (its CA store, NODE_EXTRA_CA_CERTS included). */
const sharedSecureContext = (): SecureContext => (secureContext ??= createSecureContext())

/**
 * Opens `count` connections to the endpoint at `url` (its origin) now, for the first requests to it
 * that would otherwise open their own. Never throws and never fails the run: a connection that cannot
 * be opened is dropped, and the request that would have used it reports the error as it always did.
 */
export function preconnect(url: string, count = 1): void {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return
  }
  const secure = target.protocol === 'https:'
  if (!secure && target.protocol !== 'http:') return
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = Number(target.port || (secure ? 443 : 80))
  const key = endpointKey(host, port)
  for (let i = 0; i < count; i += 1) {
    try {
      // The options a request to this endpoint gets from the agent (servername for TLS SNI), and one TLS
      // context for every connection opened ahead: each new context costs ~0.4 ms of CPU to set up.
      const options = {
        host,
        port,
        servername: isIP(host) ? undefined : host,
        secureContext: secure ? sharedSecureContext() : undefined
      }
      // The agent's own connect, not the override (that would hand back the one just opened).
      const socket = (
        secure
          ? HttpsAgent.prototype.createConnection.call(https, options)
          : HttpAgent.prototype.createConnection.call(http, options)
      ) as Socket | null | undefined
      if (socket) keepWaiting(key, socket)
    } catch {
      // Same as a failed connection: the request opens its own.
    }
  }
}

/** Connections opened ahead and not used yet (for tests). */
export function waitingConnections(): number {
  return [...waiting.values()].reduce((sum, sockets) => sum + sockets.length, 0)
}

/**
 * The SDK clients' request handler options: the timeouts that keep a silent endpoint from hanging the
 * step (http-agent.ts), and the shared keep-alive agents, or the proxy agent when a proxy is configured.
 */
export function requestHandlerOptions() {
  const agent = proxyAgent()
  return {
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    throwOnRequestTimeout: true,
    socketTimeout: REQUEST_TIMEOUT_MS,
    httpAgent: agent ?? http,
    httpsAgent: agent ?? https
  }
}
