// A CONNECT proxy that tunnels every request, whatever host it names, to one local port: a child process
// then resolves and names real AWS hosts (sts-fips.us-east-1.amazonaws.com) while talking to the fake
// (which serves a certificate for those names, test-ca.ts), and the proxy's log says which hosts it chose.
import { createServer, type IncomingMessage } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface RedirectingProxy {
  readonly url: string
  /** Every CONNECT target (host:port), in order. */
  readonly targets: string[]
  close(): Promise<void>
}

export async function startRedirectingProxy(port: number): Promise<RedirectingProxy> {
  const targets: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((_req, res) => res.writeHead(501).end())
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    targets.push(req.url ?? '')
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client).pipe(upstream)
    })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => sockets.delete(socket))
    }
    // Nothing listens on the port: the tunnel closes unanswered, as a reset.
    upstream.on('error', () => client.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
