// What a real network charges, emulated by a local server (fake AWS, the token server): a delay per
// request (latency) and, per NEW connection, a delay before its first request can be answered (the TCP
// and TLS handshakes). A connection's handshake time starts when it is accepted (plain HTTP) or when its
// TLS handshake completes (HTTPS), so a client that opens connections early, while it does other work,
// has them ready by the time it sends; one that opens them on demand pays for each. TLS completion needs
// the client's event loop, so a client busy parsing pays for that too, as on a real network.
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
  const cost: ConnectionCost = {
    handshakeMs: initial.handshakeMs ?? 0,
    latencyMs: initial.latencyMs ?? 0,
    accepted: [],
    async charge(socket) {
      const wait = (readyAt.get(socket) ?? 0) - nowMs()
      if (wait > 0) await sleep(wait)
      if (cost.latencyMs > 0) await sleep(cost.latencyMs)
    }
  }
  server.on('connection', (socket: Socket) => {
    cost.accepted.push(nowMs())
    if (!secure) readyAt.set(socket, nowMs() + cost.handshakeMs)
  })
  if (secure) {
    ;(server as HttpsServer).on('secureConnection', (socket: Socket) =>
      readyAt.set(socket, nowMs() + cost.handshakeMs)
    )
  }
  return cost
}
