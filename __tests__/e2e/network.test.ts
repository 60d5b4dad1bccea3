// The network through the bundled action: every AWS call and the OIDC token request go through a real
// forwarding proxy (npm `proxy`) whose own log the tests read; no-proxy hosts bypass it; a refusing or
// authenticating proxy gives one clear error without its password; a slow endpoint still passes;
// action-timeout-s bounds the step. Black-holed endpoints: black-hole.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createProxy, type ProxyServer } from 'proxy'
import { loadSeed, seedKey, startFakeAws } from '../../test/fake-aws/index.js'
import { createTestCa } from '../../test/network/test-ca.js'
import { startBlackHole } from '../../test/network/black-hole.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { assertNoSecretLeaks, runMain, type RunResult } from '../../test/runner/index.js'

const DEPLOY = 'arn:aws:iam::123456789012:role/deploy'
const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const { fake, tokens, oidcEnv } = useFakeAws(seed, { oidc: true })

/** A forwarding/CONNECT proxy on 127.0.0.1 that logs every request it carries. */
async function startProxy(authenticate?: ProxyServer['authenticate']) {
  const log: string[] = []
  const server = createProxy(createServer())
  if (authenticate) server.authenticate = authenticate
  server.prependListener('request', (req: IncomingMessage) => log.push(`${req.method} ${req.url}`))
  server.prependListener('connect', (req: IncomingMessage) => log.push(`CONNECT ${req.url}`))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { log, url, close: () => new Promise<void>(resolve => server.close(() => resolve())) }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server: Server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

const fakePort = () => new URL(fake.url).port
const secrets = (result: RunResult, extra: string[] = []) => [
  ...result.masks.filter(m => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(m)),
  ...fake.sessions.flatMap(s => [s.secretAccessKey, s.sessionToken]),
  tokens.requestToken,
  ...extra
]

function expectNothingExported(result: RunResult): void {
  expect(result.exitCode).not.toBe(0)
  expect(result.errors).toHaveLength(1)
  expect(result.exportedEnv.AWS_ACCESS_KEY_ID ?? '').toBe('')
  expect(result.exportedEnv.AWS_SECRET_ACCESS_KEY ?? '').toBe('')
}

describe('proxy', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>
  beforeAll(async () => {
    proxy = await startProxy()
  })
  afterAll(() => proxy.close())
  beforeEach(() => {
    proxy.log.length = 0
  })

  it('sends the token request and every AWS call through http-proxy', async () => {
    const result = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': DEPLOY, 'http-proxy': proxy.url },
      env: oidcEnv()
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const tokenPort = new URL(tokens.env.ACTIONS_ID_TOKEN_REQUEST_URL).port
    expect(proxy.log.filter(line => line.includes(`127.0.0.1:${tokenPort}`))).toHaveLength(1)
    // Every request the fake AWS saw came through the proxy: AssumeRoleWithWebIdentity and the checks.
    const viaProxy = proxy.log.filter(line => line.includes(`127.0.0.1:${fakePort()}`))
    expect(fake.requests.length).toBeGreaterThanOrEqual(4)
    expect(viaProxy).toHaveLength(fake.requests.length)
    assertNoSecretLeaks(result, secrets(result))
  }, 60_000)

  it('honours HTTP_PROXY and NO_PROXY when the inputs are empty', async () => {
    const result = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': DEPLOY },
      env: { ...oidcEnv(), HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1:${fakePort()}` }
    })
    expect(result.exitCode).toBe(0)
    // The token request went through the proxy; AWS (in NO_PROXY) did not.
    expect(proxy.log).toHaveLength(1)
    expect(proxy.log[0]).toContain(new URL(tokens.env.ACTIONS_ID_TOKEN_REQUEST_URL).port)
    expect(fake.requests.length).toBeGreaterThanOrEqual(4)
  }, 60_000)

  it('lets no-proxy hosts bypass http-proxy', async () => {
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret,
        'http-proxy': proxy.url,
        'no-proxy': `localhost\n127.0.0.1`
      },
      env: fake.env()
    })
    expect(result.exitCode).toBe(0)
    expect(proxy.log).toEqual([])
    assertNoSecretLeaks(result, [admin.secret])
  }, 60_000)

  it('names a refusing proxy once, without the password in its URL', async () => {
    const port = await closedPort()
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret,
        'http-proxy': `http://ci:pr0xyPa55@127.0.0.1:${port}`
      },
      env: fake.env()
    })
    expectNothingExported(result)
    expect(result.errors[0]).toContain(`Could not connect to the proxy http://ci:***@127.0.0.1:${port}/`)
    expect(result.errors[0]).toContain('ECONNREFUSED')
    assertNoSecretLeaks(result, [admin.secret, 'pr0xyPa55'])
  }, 60_000)

  it('says so when the proxy asks for authentication (407), for the token request too', async () => {
    const guarded = await startProxy(() => false)
    try {
      const result = await runMain({
        inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': DEPLOY, 'http-proxy': guarded.url },
        env: oidcEnv()
      })
      expectNothingExported(result)
      expect(result.errors[0]).toContain(`The proxy ${guarded.url}/ asks for authentication (HTTP 407)`)
      expect(result.errors[0]).toContain('token request')
      expect(fake.requests).toEqual([])
    } finally {
      await guarded.close()
    }
  }, 60_000)
})

describe('never hang', () => {
  let hole: Awaited<ReturnType<typeof startBlackHole>>
  beforeAll(async () => {
    hole = await startBlackHole()
  })
  afterAll(() => hole.close())

  it('stops the step at action-timeout-s with one error and nothing exported', async () => {
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret,
        'action-timeout-s': '3'
      },
      env: { AWS_ENDPOINT_URL: hole.url }
    })
    expectNothingExported(result)
    expect(result.durationMs).toBeLessThan(15_000)
    expect(result.errors[0]).toContain('did not finish within action-timeout-s (3 s)')
    expect(result.exportedEnv).toEqual({})
  }, 60_000)

  it('still succeeds against an endpoint that takes seconds to answer each call', async () => {
    fake.latencyMs = 3_000
    const result = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': DEPLOY },
      env: oidcEnv(),
      timeoutMs: 120_000
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.durationMs).toBeGreaterThan(6_000)
  }, 150_000)
})

describe('connections opened ahead over TLS', () => {
  it('opens one TLS connection per concurrent call before the SDK loads, and every call uses its own', async () => {
    const ca = await createTestCa()
    const secure = await startFakeAws(seed, { tls: ca.tls })
    try {
      const result = await runMain({
        inputs: {
          'aws-region': 'eu-west-1',
          'aws-access-key-id': admin.id,
          'aws-secret-access-key': admin.secret
        },
        env: { ...secure.env(), ...ca.env }
      })
      expect(result.exitCode).toBe(0)
      expect(secure.requests.map(r => r.action).sort()).toEqual([
        'DescribeRegions',
        'GetCallerIdentity',
        'ListAccessKeys',
        'ListUsers'
      ])
      // Four handshakes, all verified against the test CA (NODE_EXTRA_CA_CERTS), none paid twice.
      expect(secure.connections).toHaveLength(4)
    } finally {
      await secure.close()
      ca.close()
    }
  })
})
