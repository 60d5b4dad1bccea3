import { describe, expect, it } from '@jest/globals'
import { applyProxyInputs, prepareProxyAgent, proxyAgent } from '../../src/aws/http-agent.js'
import { requestHandlerOptions } from '../../src/aws/connections.js'
import { isProxyRefusal, proxyProblem } from '../../src/aws/proxy-problem.js'

describe('http-agent.ts', () => {
  it('makes http-proxy and no-proxy the process proxy settings, over the runner variables', () => {
    const env: Record<string, string | undefined> = { HTTPS_PROXY: 'http://old:1', NO_PROXY: 'x' }
    applyProxyInputs({ httpProxy: 'http://proxy:3128', noProxy: ['a.example', '.b.example'] }, env)
    expect(env).toMatchObject({
      HTTPS_PROXY: 'http://proxy:3128',
      https_proxy: 'http://proxy:3128',
      HTTP_PROXY: 'http://proxy:3128',
      http_proxy: 'http://proxy:3128',
      NO_PROXY: 'a.example,.b.example',
      no_proxy: 'a.example,.b.example'
    })
  })

  it('leaves the runner variables alone when the inputs are empty', () => {
    const env: Record<string, string | undefined> = { HTTPS_PROXY: 'http://corp:8080', NO_PROXY: 'internal' }
    applyProxyInputs({}, env)
    expect(env).toEqual({ HTTPS_PROXY: 'http://corp:8080', NO_PROXY: 'internal' })
  })

  it('uses the shared keep-alive agents without proxy variables, the proxy agent with them, and always the timeouts', async () => {
    await prepareProxyAgent({})
    expect(proxyAgent()).toBeUndefined()
    const direct = requestHandlerOptions().httpsAgent
    expect(direct).toMatchObject({ keepAlive: true })
    await prepareProxyAgent({ HTTPS_PROXY: 'http://corp:8080' })
    expect(proxyAgent()).toBeDefined()
    expect(requestHandlerOptions().httpsAgent).toBe(proxyAgent())
    expect(requestHandlerOptions()).toMatchObject({
      connectionTimeout: 5_000,
      requestTimeout: 20_000,
      throwOnRequestTimeout: true
    })
  })
})

describe('proxy-problem.ts', () => {
  it('names the proxy without its password, for a refusal and for 407', () => {
    expect(proxyProblem('http://u:secret@p:1', 'ECONNREFUSED', undefined, 'x')).toContain(
      'Could not connect to the proxy http://u:***@p:1/ for x (ECONNREFUSED)'
    )
    expect(proxyProblem('http://u:secret@p:1', undefined, 407, 'x')).toContain(
      'asks for authentication (HTTP 407)'
    )
    expect(proxyProblem('http://p:1', 'ECONNRESET', 500, 'x')).toBeUndefined()
  })

  it('tells a refusing proxy (not retried) from a refusing endpoint (retried)', () => {
    const env = { HTTPS_PROXY: 'http://10.0.0.5:3128' }
    expect(isProxyRefusal({ code: 'ECONNREFUSED', address: '10.0.0.5', port: 3128 }, env)).toBe(true)
    expect(isProxyRefusal({ code: 'ECONNREFUSED', address: '10.0.0.9', port: 443 }, env)).toBe(false)
    expect(isProxyRefusal({ code: 'ECONNREFUSED', address: '10.0.0.5', port: 3128 }, {})).toBe(false)
  })
})
