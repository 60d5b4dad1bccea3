import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../../__fixtures__/core.js'
import { mockHeadStartNetwork } from '../../__fixtures__/head-start-mocks.js'
import { oidcEnv } from '../../__fixtures__/oidc-env.js'

const { requestIdToken, preconnect } = mockHeadStartNetwork()
const storedKeysIdentity = jest.fn<(settings: unknown) => Promise<{ Arn: string }>>()
jest.unstable_mockModule('../../src/auth/caller-identity.js', () => ({ storedKeysIdentity }))
const { settingsOver } = await import('../../__fixtures__/read-inputs.js')
const { plannedConnections, startHeadStart } = await import('../../src/main/head-start.js')
const { prepareProxyAgent } = await import('../../src/aws/http-agent.js')

const ROLE = 'arn:aws:iam::123456789012:role/deploy'
const keys = { 'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE', 'aws-secret-access-key': 'secret' }
const settingsFor = settingsOver({ 'aws-region': 'eu-west-1' })

describe('main/head-start.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset({})
  })

  it('plans one STS connection, one IAM connection per IAM check and one EC2 connection', () => {
    expect(plannedConnections(settingsFor({ ...keys, checks: 'identity,regions,users,key-age' }))).toEqual({
      sts: 1,
      iam: 2,
      ec2: 1
    })
    expect(plannedConnections(settingsFor({ ...keys, checks: 'identity' }))).toEqual({
      sts: 1,
      iam: 0,
      ec2: 0
    })
    // key-age reads nothing for OIDC or stored temporary keys: no long-lived key to age.
    expect(plannedConnections(settingsFor({ 'role-to-assume': ROLE, checks: 'users,key-age' }))).toEqual({
      sts: 1,
      iam: 1,
      ec2: 0
    })
  })

  it('requests the GitHub OIDC token and opens the connections, before any SDK is loaded', async () => {
    requestIdToken.mockResolvedValueOnce('token')
    const settings = settingsFor({
      'role-to-assume': ROLE,
      checks: 'identity,regions,users',
      audience: 'aud'
    })
    const headStart = startHeadStart(settings, oidcEnv)
    await expect(headStart.githubToken).resolves.toBe('token')
    expect(requestIdToken).toHaveBeenCalledTimes(1)
    expect(requestIdToken.mock.calls[0]!.slice(1, 3)).toEqual(['rt', 'aud'])
    expect(preconnect.mock.calls).toEqual([
      ['https://sts.eu-west-1.amazonaws.com', 1],
      ['https://iam.amazonaws.com', 1],
      ['https://ec2.eu-west-1.amazonaws.com', 1]
    ])
  })

  it('with stored keys, sends GetCallerIdentity once the connects are out, and is started when it is sent', async () => {
    storedKeysIdentity.mockResolvedValueOnce({ Arn: 'arn:aws:iam::123456789012:user/ci' })
    const settings = settingsFor({ ...keys })
    const headStart = startHeadStart(settings, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })
    // The connects first: Node compiles the STS chunk synchronously, which would hold them back.
    expect(preconnect).toHaveBeenCalledTimes(1)
    expect(storedKeysIdentity).not.toHaveBeenCalled()
    await headStart.started
    expect(storedKeysIdentity.mock.calls).toEqual([[settings]])
    await expect(headStart.callerIdentity).resolves.toEqual({ Arn: 'arn:aws:iam::123456789012:user/ci' })
    expect(headStart.githubToken).toBeUndefined()
    expect(requestIdToken).not.toHaveBeenCalled()
  })

  it('leaves a failed GetCallerIdentity for the identity check to diagnose, not unhandled', async () => {
    storedKeysIdentity.mockRejectedValueOnce(new Error('InvalidClientTokenId'))
    const headStart = startHeadStart(settingsFor({ ...keys }), {})
    await headStart.started
    await expect(headStart.callerIdentity).rejects.toThrow('InvalidClientTokenId')
  })

  it('sends no GetCallerIdentity ahead for OIDC, stored keys + a role, or use-existing-credentials', async () => {
    requestIdToken.mockResolvedValueOnce('token')
    const heads = [
      startHeadStart(settingsFor({ 'role-to-assume': ROLE }), oidcEnv),
      startHeadStart(settingsFor({ ...keys, 'role-to-assume': ROLE }), {}),
      startHeadStart(settingsFor({ ...keys, 'use-existing-credentials': 'true' }), {})
    ]
    await Promise.all(heads.map(h => h.started))
    expect(heads.map(h => h.callerIdentity)).toEqual([undefined, undefined, undefined])
    expect(storedKeysIdentity).not.toHaveBeenCalled()
  })

  it('opens as many connections to one endpoint as the calls to it need at once', async () => {
    storedKeysIdentity.mockResolvedValueOnce({ Arn: 'arn:aws:iam::123456789012:user/ci' })
    const headStart = startHeadStart(settingsFor({ ...keys, checks: 'identity,regions,users,key-age' }), {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566'
    })
    expect(preconnect.mock.calls).toEqual([['http://127.0.0.1:4566', 4]])
    expect(requestIdToken).not.toHaveBeenCalled()
    await headStart.started
  })

  it('leaves a failed token request for the provider to report, not unhandled', async () => {
    requestIdToken.mockRejectedValueOnce(new Error('token endpoint down'))
    const headStart = startHeadStart(settingsFor({ 'role-to-assume': ROLE }), oidcEnv)
    await expect(headStart.githubToken).rejects.toThrow('token endpoint down')
  })

  it("requests no GitHub token without the job's OIDC variables, with force-skip-oidc or use-existing-credentials", () => {
    expect(startHeadStart(settingsFor({ 'role-to-assume': ROLE }), {}).githubToken).toBeUndefined()
    const skip = settingsFor({ 'role-to-assume': ROLE, 'force-skip-oidc': 'true' })
    expect(startHeadStart(skip, oidcEnv).githubToken).toBeUndefined()
    const existing = settingsFor({ 'role-to-assume': ROLE, 'use-existing-credentials': 'true' })
    expect(startHeadStart(existing, oidcEnv).githubToken).toBeUndefined()
    expect(requestIdToken).not.toHaveBeenCalled()
  })

  it('requests no GitHub token for a token file or role chaining', () => {
    startHeadStart(settingsFor({ 'role-to-assume': ROLE, 'web-identity-token-file': '/t' }), oidcEnv)
    startHeadStart(settingsFor({ 'role-to-assume': ROLE, 'role-chaining': 'true' }), oidcEnv)
    expect(requestIdToken).not.toHaveBeenCalled()
  })

  it('opens no connections ahead when the shared config file turns FIPS or dual-stack on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'head-start-'))
    try {
      const config = join(dir, 'config')
      writeFileSync(config, '[default]\nregion = eu-west-1\n\n[profile ci]\nuse_fips_endpoint = true\n')
      storedKeysIdentity.mockResolvedValue({ Arn: 'arn:aws:iam::123456789012:user/ci' })
      await startHeadStart(settingsFor({ ...keys }), { AWS_CONFIG_FILE: config }).started
      expect(preconnect).not.toHaveBeenCalled()
      writeFileSync(config, '[default]\nuse_fips_endpoint = false\n')
      await startHeadStart(settingsFor({ ...keys }), { AWS_CONFIG_FILE: config }).started
      expect(preconnect.mock.calls[0]).toEqual(['https://sts.eu-west-1.amazonaws.com', 1])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  // Last: the proxy agent, once set up, stays for the process.
  it('opens no connections ahead through a proxy: the proxy agent opens its own tunnels', async () => {
    await prepareProxyAgent({ HTTPS_PROXY: 'http://127.0.0.1:9' })
    storedKeysIdentity.mockResolvedValueOnce({ Arn: 'arn:aws:iam::123456789012:user/ci' })
    const headStart = startHeadStart(settingsFor({ ...keys }), { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })
    expect(preconnect).not.toHaveBeenCalled()
    await headStart.started
  })
})
