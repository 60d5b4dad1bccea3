import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { createServer, type Socket } from 'node:net'
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

// A token endpoint that accepts the connection and never answers.
const held: Socket[] = []
const silent = createServer(socket => void held.push(socket))
await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
const { port } = silent.address() as AddressInfo

afterAll(async () => {
  for (const socket of held) socket.destroy()
  await new Promise(resolve => silent.close(resolve))
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
    headStart.githubToken!.then(
      () => (answered = true),
      () => (answered = true)
    )
    // The request's socket is created inside the call: the handshake must still be seen.
    await expect(
      Promise.race([
        headStart.started!.then(() => 'started'),
        new Promise(resolve => setTimeout(() => resolve('still waiting'), 3_000))
      ])
    ).resolves.toBe('started')
    expect(answered).toBe(false)
    expect(held.length).toBe(1)
  })
})
