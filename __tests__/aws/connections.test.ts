import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { preconnect, requestHandlerOptions, waitingConnections } from '../../src/aws/connections.js'

let server: Server
let origin: string
let opened = 0

/** GET through the clients' shared agent; resolves with the body. */
function get(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { agent: requestHandlerOptions().httpAgent }, res => {
      let body = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve(body))
    })
    req.on('error', reject)
    req.end()
  })
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise(r => setTimeout(r, 10))
}

beforeAll(async () => {
  server = createServer((req, res) => res.end(req.url))
  server.on('connection', () => (opened += 1))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

describe('connections.ts', () => {
  it('opens connections ahead, and requests take them instead of opening their own', async () => {
    opened = 0
    preconnect(origin, 2)
    await until(() => opened === 2)
    expect(opened).toBe(2)
    expect(waitingConnections()).toBe(2)
    // Two at once: each needs a connection of its own, and both come from the ones opened ahead.
    await expect(Promise.all([get('/a'), get('/b')])).resolves.toEqual(['/a', '/b'])
    expect(opened).toBe(2)
    expect(waitingConnections()).toBe(0)
  })

  it('keeps connections alive between requests, whichever client sends them', async () => {
    opened = 0
    await get('/one')
    await get('/two')
    await get('/three')
    expect(opened).toBe(0)
  })

  it('drops a connection that cannot be opened; the request then reports its own error', async () => {
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    preconnect(`http://127.0.0.1:${port}`, 1)
    await until(() => waitingConnections() === 0)
    expect(waitingConnections()).toBe(0)
    const failed = new Promise((resolve, reject) => {
      const req = request(`http://127.0.0.1:${port}/`, { agent: requestHandlerOptions().httpAgent }, resolve)
      req.on('error', reject)
      req.end()
    })
    await expect(failed).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('ignores what is not an http(s) URL', () => {
    expect(() => preconnect('not a url')).not.toThrow()
    expect(() => preconnect('ftp://127.0.0.1:21')).not.toThrow()
    expect(waitingConnections()).toBe(0)
  })
})
