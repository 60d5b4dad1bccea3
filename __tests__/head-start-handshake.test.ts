import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as core from '../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
// No connections ahead: unit tests never leave the machine.
jest.unstable_mockModule('../src/aws/connections.js', () => ({
  preconnect: jest.fn(),
  requestHandlerOptions: () => ({})
}))
const { readSettings } = await import('../src/inputs.js')
const { startHeadStart } = await import('../src/head-start.js')

// A token endpoint that holds every request until the test lets it answer.
const held: ServerResponse[] = []
const slow = createServer((_req, res) => void held.push(res))
await new Promise<void>(resolve => slow.listen(0, '127.0.0.1', resolve))
const { port } = slow.address() as AddressInfo

afterAll(async () => {
  slow.closeAllConnections()
  await new Promise(resolve => slow.close(resolve))
})

describe('head-start.ts with a real token request', () => {
  it('is started once the token request is connected, without waiting for its answer', async () => {
    const settings = readSettings(
      name =>
        ({ 'aws-region': 'eu-west-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' })[name] ?? ''
    )
    const headStart = startHeadStart(settings, {
      ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/token`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
    })
    let answered = false
    void headStart.githubToken!.then(() => (answered = true))
    // The request's socket is created inside the call: the handshake must still be seen.
    await expect(
      Promise.race([
        headStart.started!.then(() => 'started'),
        new Promise(resolve => setTimeout(() => resolve('still waiting'), 3_000).unref())
      ])
    ).resolves.toBe('started')
    expect(answered).toBe(false)
    // Now the endpoint answers, and the token arrives.
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(held).toHaveLength(1)
    held[0]!.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: 'a.b.c' }))
    await expect(headStart.githubToken).resolves.toBe('a.b.c')
  })
})
