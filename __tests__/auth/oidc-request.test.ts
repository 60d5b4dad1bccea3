import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { requestIdToken } from '../../src/auth/oidc-request.js'

let server: Server
let base = ''
const answers: ({ status: number; body: string } | 'reset')[] = []
const seen: { auth?: string; audience: string | null }[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({
      auth: req.headers.authorization,
      audience: new URL(req.url!, 'http://x').searchParams.get('audience')
    })
    const answer = answers.shift() ?? { status: 200, body: '{"value":"jwt.token.here"}' }
    if (answer === 'reset') {
      req.socket.destroy()
      return
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`
})
afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

describe('oidc-request.ts', () => {
  it('requests the token for the audience with the runner bearer token', async () => {
    seen.length = 0
    await expect(requestIdToken(base, 'bearer-1', 'sts.amazonaws.com', 3)).resolves.toBe('jwt.token.here')
    expect(seen).toEqual([{ auth: 'Bearer bearer-1', audience: 'sts.amazonaws.com' }])
  })

  it('retries a 5xx and succeeds', async () => {
    seen.length = 0
    answers.push({ status: 503, body: 'busy' })
    await expect(requestIdToken(base, 'b', 'a', 3)).resolves.toBe('jwt.token.here')
    expect(seen).toHaveLength(2)
  })

  it('does not retry a 403, and never puts the body in the message', async () => {
    seen.length = 0
    answers.push({ status: 403, body: 'secret-body-text' })
    const error = await requestIdToken(base, 'b', 'a', 3).then(
      () => undefined,
      (e: Error) => e
    )
    expect(seen).toHaveLength(1)
    expect(error?.message).toContain(
      `the token endpoint ${new URL(base).origin} answered HTTP 403 after 1 attempt`
    )
    expect(error?.message).not.toContain('secret-body-text')
  })

  it('says so when the answer holds no token', async () => {
    answers.push({ status: 200, body: '{}' })
    await expect(requestIdToken(base, 'b', 'a', 1)).rejects.toThrow('holds no token')
  })
  it('retries a reset connection, and says it was reset when every attempt was', async () => {
    seen.length = 0
    answers.push('reset')
    await expect(requestIdToken(base, 'b', 'a', 3)).resolves.toBe('jwt.token.here')
    expect(seen).toHaveLength(2)

    seen.length = 0
    answers.push('reset', 'reset', 'reset')
    const error = (await requestIdToken(base, 'b', 'a', 3).catch((e: unknown) => e)) as Error
    expect(seen).toHaveLength(3)
    expect(error.message).toBe(
      `the token endpoint ${new URL(base).origin} reset the connection after 3 attempts (ECONNRESET)`
    )
  })
})
