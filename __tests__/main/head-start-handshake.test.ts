import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { createServer, type ClientRequest, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
// No connections ahead: unit tests never leave the machine.
jest.unstable_mockModule('../../src/aws/connections.js', () => ({
  preconnect: jest.fn(),
  requestHandlerOptions: () => ({})
}))
const { readSettings } = await import('../../src/inputs/settings.js')
const { startHeadStart } = await import('../../src/main/head-start.js')
import type { HeadStart } from '../../src/auth/head-start-requests.js'

// A token endpoint that holds every request until the test lets it answer.
const held: ServerResponse[] = []
const slow = createServer((_req, res) => void held.push(res))
await new Promise<void>(resolve => slow.listen(0, '127.0.0.1', resolve))
const { port } = slow.address() as AddressInfo

afterAll(async () => {
  slow.closeAllConnections()
  await new Promise(resolve => slow.close(resolve))
})

/** 'started' once the head start says so, or 'still waiting' after `ms`. */
const startedWithin = (headStart: HeadStart, ms: number) =>
  Promise.race([
    headStart.started!.then(() => 'started'),
    new Promise(resolve => setTimeout(() => resolve('still waiting'), ms).unref())
  ])

describe('main/head-start.ts with a real first request', () => {
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
    await expect(startedWithin(headStart, 3_000)).resolves.toBe('started')
    expect(answered).toBe(false)
    // Now the endpoint answers, and the token arrives.
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(held).toHaveLength(1)
    held[0]!.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: 'a.b.c' }))
    await expect(headStart.githubToken).resolves.toBe('a.b.c')
  })

  it('with stored keys, is started once GetCallerIdentity is sent, without waiting for its answer', async () => {
    held.length = 0
    const settings = readSettings(
      name =>
        ({
          'aws-region': 'eu-west-1',
          'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
          'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          'sts-endpoint': `http://127.0.0.1:${port}`
        })[name] ?? ''
    )
    const requests: ClientRequest[] = []
    const onRequest = (message: unknown) => requests.push((message as { request: ClientRequest }).request)
    subscribe('http.client.request.start', onRequest)
    const headStart = startHeadStart(settings, {})
    let answered = false
    void headStart.callerIdentity!.then(() => (answered = true))
    await expect(startedWithin(headStart, 10_000)).resolves.toBe('started')
    expect(answered).toBe(false)
    // Started: the request exists and has been handed to the OS.
    unsubscribe('http.client.request.start', onRequest)
    expect(requests.map(r => r.writableFinished)).toEqual([true])
    // The endpoint (in this process) reads the request on a later turn; then it answers.
    while (held.length === 0) await new Promise(resolve => setTimeout(resolve, 10))
    held[0]!
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          '<Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>' +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>'
      )
    await expect(headStart.callerIdentity).resolves.toMatchObject({
      Arn: 'arn:aws:iam::123456789012:user/ci',
      Account: '123456789012'
    })
  })
})
