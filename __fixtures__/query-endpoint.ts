import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One canned answer: an AWS Query-protocol error, a raw XML success body, or a reset connection. */
export type CannedReply =
  { status: number; code: string; message?: string } | { status: 200; xml: string } | { reset: true }

export interface RecordedRequest {
  readonly headers: IncomingHttpHeaders
  readonly params: URLSearchParams
}

export interface QueryEndpoint {
  /** For AWS_ENDPOINT_URL_STS (the SDK's own endpoint variable). */
  readonly url: string
  readonly requests: RecordedRequest[]
  close(): Promise<void>
}

/**
 * A loopback HTTP endpoint that answers AWS Query calls from a script of replies (the last one repeats),
 * for unit tests that must exercise the SDK's real middleware (retries, signing) rather than a mocked
 * `send`. The full fake AWS lives in test/fake-aws for the end-to-end suite.
 */
export async function startQueryEndpoint(replies: readonly CannedReply[]): Promise<QueryEndpoint> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', chunk => (body += chunk))
    req.on('end', () => {
      requests.push({ headers: req.headers, params: new URLSearchParams(body) })
      const reply = replies[Math.min(requests.length, replies.length) - 1]
      if ('reset' in reply) {
        req.socket.destroy()
        return
      }
      res.writeHead(reply.status, { 'content-type': 'text/xml' })
      res.end(
        'xml' in reply
          ? reply.xml
          : `<ErrorResponse><Error><Type>Sender</Type><Code>${reply.code}</Code><Message>${reply.message ?? reply.code}</Message></Error><RequestId>r-${requests.length}</RequestId></ErrorResponse>`
      )
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}
