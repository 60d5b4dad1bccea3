// The refresh bench's load: CLIENTS clients of a credential endpoint, each on its own keep-alive
// connection, and the floor those numbers sit on. The clients are as light as a Node client can be,
// as wrk and autocannon are: a request written once as bytes, a response framed by its Content-Length
// and its status checked, no HTTP client library in between. With 50 connections served by one event
// loop, node:http's own client costs the bench more than the endpoint costs: its parse of the other
// 49 responses lands in each latency.
import { spawn } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { STEP_NODE } from '../../test/runner/index.js'
import { setTimeout as sleep } from 'node:timers/promises'

export const CLIENTS = 50

export interface Endpoint {
  readonly url: URL
  readonly token: string
}

/** One connection that asks `endpoint` for credentials and times each answer, in ms. */
class Client {
  private readonly request: Buffer
  private waiting?: { started: number; resolve: (ms: number) => void; reject: (error: Error) => void }
  private received = ''

  private constructor(
    private readonly socket: Socket,
    endpoint: Endpoint
  ) {
    const { url, token } = endpoint
    this.request = Buffer.from(
      `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${token}\r\nConnection: keep-alive\r\n\r\n`
    )
    socket.setNoDelay(true)
    socket.on('data', chunk => this.read(chunk))
    socket.on('error', error => this.waiting?.reject(error))
  }

  static open(endpoint: Endpoint): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(endpoint.url.port), endpoint.url.hostname)
      socket.once('connect', () => resolve(new Client(socket, endpoint)))
      socket.once('error', reject)
    })
  }

  ask(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = { started: performance.now(), resolve, reject }
      this.socket.write(this.request)
    })
  }

  private read(chunk: Buffer): void {
    this.received += chunk.toString('latin1')
    const headEnd = this.received.indexOf('\r\n\r\n')
    if (headEnd < 0 || !this.waiting) return
    const head = this.received.slice(0, headEnd)
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN)
    if (this.received.length < headEnd + 4 + length) return
    const { started, resolve, reject } = this.waiting
    this.waiting = undefined
    this.received = ''
    if (!head.startsWith('HTTP/1.1 200 ')) reject(new Error(`the endpoint answered ${head.split('\r\n')[0]}`))
    else resolve(performance.now() - started)
  }

  close(): void {
    this.socket.destroy()
  }
}

/** Opens CLIENTS connections, runs `load` on them, closes them. */
export async function withClients<T>(
  endpoint: Endpoint,
  load: (clients: Client[]) => Promise<T>
): Promise<T> {
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => Client.open(endpoint)))
  try {
    return await load(clients)
  } finally {
    for (const client of clients) client.close()
  }
}

/**
 * All clients ask at the same moment (SDK clients of parallel jobs starting together), 100 times, 20 ms
 * apart. The first burst meets code the server has not run yet (its JIT is cold): it is kept apart.
 */
export function bursts(endpoint: Endpoint): Promise<{ first: number[]; warm: number[] }> {
  return withClients(endpoint, async clients => {
    const rounds: number[][] = []
    for (let round = 0; round < 100; round++) {
      rounds.push(await Promise.all(clients.map(client => client.ask())))
      await sleep(20)
    }
    return { first: rounds[0]!, warm: rounds.slice(1).flat() }
  })
}

/** Each client asks again as soon as it is answered, for `ms`: the endpoint saturated. */
export function sustained(endpoint: Endpoint, ms: number): Promise<number[]> {
  return withClients(endpoint, async clients => {
    const until = performance.now() + ms
    const run = async (client: Client): Promise<number[]> => {
      const latencies: number[] = []
      while (performance.now() < until) latencies.push(await client.ask())
      return latencies
    }
    return (await Promise.all(clients.map(run))).flat()
  })
}

/**
 * The floor: node's bare http server under the steps' node, answering a body of the same size to every
 * request (no checks, no session): what any Node endpoint costs under this load on this machine.
 */
export async function startBareServer(
  body: string
): Promise<{ endpoint: Endpoint; pid: number; stop(): void }> {
  const program = `const body = ${JSON.stringify(body)}
const server = require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
  res.end(body)
})
server.listen(0, '127.0.0.1', () => process.send(server.address().port))`
  const child = spawn(STEP_NODE.path, ['-e', program], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const port = await new Promise<number>(resolve => child.once('message', port => resolve(port as number)))
  return {
    endpoint: { url: new URL(`http://127.0.0.1:${port}/`), token: 'none' },
    pid: child.pid!,
    stop: () => child.kill()
  }
}
