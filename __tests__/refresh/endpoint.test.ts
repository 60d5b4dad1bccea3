import { afterEach, describe, expect, it } from '@jest/globals'
import { request } from 'node:http'
import { containerCredentials, serveEndpoint, type RunningEndpoint } from '../../src/refresh/endpoint.js'
import type { AwsCredentials } from '../../src/auth/credentials.js'
import type { Session } from '../../src/refresh/session-machine.js'

const secrets = { path: `/${'ab'.repeat(32)}`, token: 'c'.repeat(43) }
const session: Session<AwsCredentials> = {
  credentials: { accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: 'secret', sessionToken: 'token' },
  obtainedAt: 0,
  expiresAt: Date.parse('2030-01-01T00:00:00Z')
}

let running: RunningEndpoint | undefined
afterEach(async () => {
  await running?.close()
  running = undefined
})

function call(
  port: number,
  options: { path?: string; headers?: Record<string, string>; method?: string }
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path ?? secrets.path,
        method: options.method ?? 'GET',
        headers: options.headers
      },
      res => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers })
        )
      }
    )
    req.on('error', reject)
    req.end()
  })
}

describe('endpoint', () => {
  it('answers the container credential format to the right path and token, on 127.0.0.1 only', async () => {
    running = await serveEndpoint(secrets, async () => session)
    expect(running.server.address()).toMatchObject({ address: '127.0.0.1' })
    const reply = await call(running.port, { headers: { Authorization: secrets.token } })
    expect(reply.status).toBe(200)
    expect(reply.headers['cache-control']).toBe('no-store')
    // Long enough for a client that keeps a connection 2 s less than announced (undici, Node's fetch).
    expect(Number(/timeout=(\d+)/.exec(String(reply.headers['keep-alive']))?.[1])).toBeGreaterThan(2)
    expect(JSON.parse(reply.body)).toEqual({
      AccessKeyId: 'ASIAEXAMPLE000000001',
      SecretAccessKey: 'secret',
      Token: 'token',
      Expiration: '2030-01-01T00:00:00.000Z'
    })
  })

  it('refuses a foreign Host, another path or method, a missing or wrong token, with no body', async () => {
    let asked = 0
    running = await serveEndpoint(secrets, async () => {
      asked++
      return session
    })
    const port = running.port
    const replies = await Promise.all([
      call(port, { headers: { Authorization: secrets.token, Host: `localhost:${port}` } }),
      call(port, { headers: { Authorization: secrets.token, Host: 'rebind.example' } }),
      call(port, { path: '/', headers: { Authorization: secrets.token } }),
      call(port, { path: `${secrets.path}x`, headers: { Authorization: secrets.token } }),
      call(port, { method: 'POST', headers: { Authorization: secrets.token } }),
      call(port, {}),
      call(port, { headers: { Authorization: `${secrets.token}c` } }),
      call(port, { headers: { Authorization: `Bearer ${secrets.token}` } }),
      // Same length as the real ones, one character off.
      call(port, { path: `${secrets.path.slice(0, -1)}c`, headers: { Authorization: secrets.token } }),
      call(port, { headers: { Authorization: `${secrets.token.slice(0, -1)}d` } }),
      // Same length in characters, not in bytes.
      call(port, { headers: { Authorization: `${secrets.token.slice(0, -1)}é` } })
    ])
    expect(replies.map(r => [r.status, r.body])).toEqual([
      [403, ''],
      [403, ''],
      [404, ''],
      [404, ''],
      [404, ''],
      [401, ''],
      [401, ''],
      [401, ''],
      [404, ''],
      [401, ''],
      [401, '']
    ])
    expect(asked).toBe(0)
  })

  it('answers 503 when there is no valid session to give', async () => {
    running = await serveEndpoint(secrets, async () => undefined)
    const reply = await call(running.port, { headers: { Authorization: secrets.token } })
    expect([reply.status, reply.body]).toEqual([503, ''])
  })

  it('writes Expiration as RFC 3339', () => {
    expect(JSON.parse(containerCredentials(session.credentials, 0)).Expiration).toBe(
      '1970-01-01T00:00:00.000Z'
    )
  })
})
