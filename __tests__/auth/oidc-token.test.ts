import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../../__fixtures__/core.js'
import { failureOf } from '../../__fixtures__/failure-of.js'

jest.unstable_mockModule('@actions/core', () => core)
const requestIdToken =
  jest.fn<(url: string, bearer: string, audience: string, attempts: number) => Promise<string>>()
jest.unstable_mockModule('../../src/auth/oidc-request.js', () => ({ requestIdToken }))
const { fetchGitHubToken, readTokenFile } = await import('../../src/auth/oidc-token.js')

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'
const requestEnv = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token?x=1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'r'
}
const dir = mkdtempSync(join(tmpdir(), 'oidc-token-'))

describe('oidc-token.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    ['neither variable', {}],
    ['only the URL', { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token' }],
    ['only the request token', { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'r' }]
  ])('asks for `permissions: id-token: write` when the runner set %s', async (_case, env) => {
    const error = await failureOf(fetchGitHubToken('sts.amazonaws.com', env))
    expect(error.message).toContain('Add `permissions: id-token: write`')
    expect(error.message).toContain('Pull requests from forks never get an OIDC token')
    expect(requestIdToken).not.toHaveBeenCalled()
  })

  it('requests the token for the audience', async () => {
    requestIdToken.mockResolvedValueOnce(TOKEN)
    await expect(fetchGitHubToken('my-audience', requestEnv)).resolves.toBe(TOKEN)
    expect(requestIdToken).toHaveBeenCalledWith(
      requestEnv.ACTIONS_ID_TOKEN_REQUEST_URL,
      'r',
      'my-audience',
      3
    )
  })

  it('puts a failed token request on one line, naming the audience', async () => {
    requestIdToken.mockRejectedValueOnce(
      new Error('Failed to get ID Token. \n \n Error Code : 500\n Error Message: x')
    )
    const error = await failureOf(fetchGitHubToken('sts.amazonaws.com', requestEnv))
    expect(error.message).toContain(
      "for audience 'sts.amazonaws.com': Failed to get ID Token. Error Code : 500"
    )
    expect(error.message).not.toContain('\n')
  })

  it('reads a token file relative to the workspace, trimmed, and masks it', async () => {
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`)
    await expect(readTokenFile('token', { GITHUB_WORKSPACE: dir })).resolves.toBe(TOKEN)
    expect(core.setSecret).toHaveBeenCalledWith(TOKEN)
  })

  it('names the input and the path when the file is missing or empty', async () => {
    await expect(readTokenFile(join(dir, 'absent'), {})).rejects.toThrow(
      /Could not read web-identity-token-file .*absent \(ENOENT\)/
    )
    writeFileSync(join(dir, 'empty'), '  \n')
    await expect(readTokenFile(join(dir, 'empty'), {})).rejects.toThrow('web-identity-token-file')
  })
})
