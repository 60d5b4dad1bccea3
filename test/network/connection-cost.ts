// What a real network charges, emulated by a local server (fake AWS, the token server): a delay per
// request (latency) and, per NEW connection, a delay before its first request can be answered (the
// handshakes). Over plain HTTP the whole handshake delay counts from when the connection was accepted.
// Over HTTPS it is split as on a real network: the first half (TCP) counts from the accept and needs
// nothing from the client, the second half (TLS) counts from when the client has done its part of the
// TLS handshake, which needs its event loop: a client busy parsing code pays for that, as it would on
// a real network. A client that opens connections early, while it does other work, has them ready by
// the time it sends; one that opens them on demand pays for each.
import type { Server as HttpServer } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface ConnectionCost {
  /** Delay charged once per new connection, before its first request is answered. */
  handshakeMs: number
  /** Delay charged on every request. */
  latencyMs: number
  /** When each new connection was accepted (ms since the epoch, fractional), in order. */
  readonly accepted: number[]
  /** When each request arrived (ms since the epoch, fractional), in order. */
  readonly arrived: number[]
  /** Waits out what the request on `socket` costs: the rest of its handshake, then the latency. */
  charge(socket: Socket): Promise<void>
}

const nowMs = (): number => performance.timeOrigin + performance.now()

export function chargeConnections(
  server: HttpServer | HttpsServer,
  secure: boolean,
  initial: { handshakeMs?: number; latencyMs?: number } = {}
): ConnectionCost {
  const readyAt = new WeakMap<Socket, number>()
  const tcpDoneAt = new WeakMap<Socket, number>()
  const cost: ConnectionCost = {
    handshakeMs: initial.handshakeMs ?? 0,
    latencyMs: initial.latencyMs ?? 0,
    accepted: [],
    arrived: [],
    async charge(socket) {
      cost.arrived.push(nowMs())
      const wait = (readyAt.get(socket) ?? 0) - nowMs()
      if (wait > 0) await sleep(wait)
      if (cost.latencyMs > 0) await sleep(cost.latencyMs)
    }
  }
  server.on('connection', (socket: Socket) => {
    const at = nowMs()
    cost.accepted.push(at)
    if (!secure) readyAt.set(socket, at + cost.handshakeMs)
    else tcpDoneAt.set(socket, at + cost.handshakeMs / 2)
  })
  if (secure) {
    // The TLS socket wraps the accepted one; its handshake completes once the client has done its part.
    ;(server as HttpsServer).on('secureConnection', (socket: Socket & { _parent?: Socket }) => {
      const now = nowMs()
      // Without the accepted socket to look up, charge the whole handshake from now.
      const tcpDone = tcpDoneAt.get(socket._parent ?? socket) ?? now + cost.handshakeMs / 2
      readyAt.set(socket, Math.max(tcpDone, now) + cost.handshakeMs / 2)
    })
  }
  return cost
}
