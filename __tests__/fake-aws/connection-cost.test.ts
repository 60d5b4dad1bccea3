import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Agent, request } from 'node:https'
import { loadSeed, startFakeAws, type FakeAws } from '../../test/fake-aws/index.js'
import { createTestCa, type TestCa } from '../../test/network/test-ca.js'

let ca: TestCa
let fake: FakeAws
let caPem: string

/** One unsigned call (the fake answers it with an error) on `agent`; resolves with its duration. */
function timedCall(agent: Agent): Promise<number> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(`${fake.url}/`, { method: 'POST', agent, ca: caPem }, res => {
      res.resume().on('end', () => resolve(performance.now() - started))
    })
    req.on('error', reject)
    req.end('Action=GetCallerIdentity&Version=2011-06-15')
  })
}

beforeAll(async () => {
  ca = await createTestCa()
  caPem = (await import('node:fs')).readFileSync(ca.env.NODE_EXTRA_CA_CERTS, 'utf8')
  fake = await startFakeAws(loadSeed(), { tls: ca.tls, handshakeMs: 150, latencyMs: 50 })
})

afterAll(async () => {
  await fake.close()
  ca.close()
})

describe('connection cost (fake AWS over HTTPS)', () => {
  it('serves HTTPS that verifies against the test CA', () => {
    expect(fake.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
  })

  it('charges the handshake on a new connection only, and the latency on every request', async () => {
    const agent = new Agent({ keepAlive: true })
    const first = await timedCall(agent)
    const second = await timedCall(agent)
    expect(first).toBeGreaterThanOrEqual(195)
    expect(second).toBeGreaterThanOrEqual(48)
    expect(second).toBeLessThan(first)
    expect(fake.connections).toHaveLength(1)
    agent.destroy()
  })

  it('counts every new connection', async () => {
    fake.connections.length = 0
    const fresh = () => new Agent({ keepAlive: false })
    await Promise.all([timedCall(fresh()), timedCall(fresh())])
    expect(fake.connections).toHaveLength(2)
  })
})
