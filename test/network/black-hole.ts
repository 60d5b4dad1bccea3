// An endpoint that accepts connections and never answers: what a black-holing firewall or a wedged
// endpoint looks like. For the tests that the action never hangs.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'

export interface BlackHole {
  readonly url: string
  close(): Promise<void>
}

export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>()
  const server: Server = createServer(socket => {
    sockets.add(socket)
    socket.on('error', () => undefined)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
