import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../../__fixtures__/core.js'
import type { RefreshPlan } from '../../src/refresh/refresh-plan.js'

jest.unstable_mockModule('@actions/core', () => core)
const started: RefreshPlan[] = []
const kill = jest.fn()
let failStart: Error | undefined
jest.unstable_mockModule('../../src/refresh/start-endpoint.js', () => ({
  bootEndpoint: () => ({
    kill,
    async start(plan: RefreshPlan) {
      if (failStart) throw failStart
      started.push(plan)
      return {
        pid: 4242,
        url: `http://127.0.0.1:5000${plan.endpoint.path}`,
        token: plan.endpoint.token,
        kill
      }
    }
  })
}))
const { prepareRefresh } = await import('../../src/refresh/serve-refreshed.js')

const { settingsWith } = await import('../../__fixtures__/read-inputs.js')
const settings = settingsWith({
  'aws-region': 'eu-west-1',
  'role-to-assume': 'arn:aws:iam::123456789012:role/deploy'
})
const obtained = {
  source: 'web-identity' as const,
  credentials: {
    accessKeyId: 'ASIAEXAMPLE000000001',
    secretAccessKey: 'session-secret',
    sessionToken: 'session-token',
    expiration: new Date(Date.now() + 3_600_000)
  }
}

let runnerTemp: string
beforeEach(() => {
  core.reset()
  started.length = 0
  kill.mockClear()
  failStart = undefined
  runnerTemp = mkdtempSync(join(tmpdir(), 'refresh-unit-'))
  process.env.RUNNER_TEMP = runnerTemp
})

describe('serve-refreshed', () => {
  it('masks the token before exporting it, empties the static variables, and saves the state last', async () => {
    await prepareRefresh().serve(settings, obtained)
    const token = started[0]!.endpoint.token
    const order = core.calls.filter(c => ['setSecret', 'exportVariable', 'saveState'].includes(c.fn))
    expect(order.map(c => [c.fn, c.args[0]])).toEqual([
      ['setSecret', token],
      ['exportVariable', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'],
      ['exportVariable', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'],
      ['exportVariable', 'AWS_ACCESS_KEY_ID'],
      ['exportVariable', 'AWS_SECRET_ACCESS_KEY'],
      ['exportVariable', 'AWS_SESSION_TOKEN'],
      ['saveState', 'refresh-endpoint']
    ])
    expect(order.slice(3, 6).map(c => c.args[1])).toEqual(['', '', ''])
    expect(token).toMatch(/^[\w-]{43}$/)
    expect(started[0]!.endpoint.path).toMatch(/^\/[0-9a-f]{64}$/)
    // The state names the process and its folder, never a secret.
    const state = String(order.at(-1)!.args[1])
    expect(JSON.parse(state)).toEqual({ pid: 4242, folder: expect.stringContaining(runnerTemp) })
    expect(state).not.toContain(token)
    // No info line shows the random path.
    expect(
      core.calls
        .filter(c => c.fn === 'info')
        .map(c => String(c.args[0]))
        .join('\n')
    ).not.toContain(started[0]!.endpoint.path)
  })

  it('exports nothing, saves nothing and leaves no folder when the process does not start', async () => {
    failStart = new Error('it did not listen within 10 s')
    await expect(prepareRefresh().serve(settings, obtained)).rejects.toThrow(
      'Could not start the refresh-credentials endpoint: it did not listen within 10 s.'
    )
    expect(core.calls.filter(c => c.fn === 'exportVariable' || c.fn === 'saveState')).toEqual([])
    expect(readdirSync(runnerTemp)).toEqual([])
    expect(existsSync(runnerTemp)).toBe(true)
  })
})
