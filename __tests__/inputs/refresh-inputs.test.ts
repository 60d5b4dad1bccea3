import { afterEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { settingsWith, errorFor } = await import('../../__fixtures__/read-inputs.js')

const DEPLOY = 'arn:aws:iam::123456789012:role/deploy'
const KEYS = {
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}
const refresh = (inputs: Record<string, string>) => ({
  'aws-region': 'eu-west-1',
  'refresh-credentials': 'true',
  ...inputs
})

const OIDC = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
afterEach(() => {
  for (const name of Object.keys(OIDC)) delete process.env[name]
})

describe('inputs: refresh-credentials', () => {
  it('is off by default', () => {
    expect(settingsWith({ 'aws-region': 'eu-west-1', ...KEYS }).refreshCredentials).toBe(false)
  })

  it('accepts every renewable source', () => {
    Object.assign(process.env, OIDC)
    expect(settingsWith(refresh({ 'role-to-assume': DEPLOY })).refreshCredentials).toBe(true)
    expect(settingsWith(refresh({ ...KEYS, 'role-to-assume': DEPLOY })).refreshCredentials).toBe(true)
    expect(
      settingsWith(refresh({ 'role-to-assume': DEPLOY, 'role-chaining': 'true' })).refreshCredentials
    ).toBe(true)
    expect(
      settingsWith(refresh({ 'role-to-assume': DEPLOY, 'web-identity-token-file': '/tmp/token' }))
        .refreshCredentials
    ).toBe(true)
  })

  it.each([
    ['stored keys alone', KEYS, 'no session to renew'],
    [
      'stored temporary keys',
      { ...KEYS, 'aws-session-token': 'FwoGZXIvYXdzEXAMPLE' },
      'stored temporary keys'
    ],
    [
      'use-existing-credentials',
      { 'role-to-assume': DEPLOY, 'use-existing-credentials': 'true' },
      'use-existing-credentials'
    ],
    ["the runner's own credentials", {}, "runner's own credentials renew themselves"],
    [
      'a role without OIDC (force-skip-oidc)',
      { 'role-to-assume': DEPLOY, 'force-skip-oidc': 'true' },
      'GitHub OIDC'
    ]
  ])('refuses %s, naming refresh-credentials', (_, inputs, reason) => {
    Object.assign(process.env, OIDC)
    const error = errorFor(refresh(inputs))
    expect(error.input).toBe('refresh-credentials')
    expect(error.message).toContain(reason)
    expect(error.message).not.toContain(KEYS['aws-secret-access-key'])
  })

  it('refuses a job that would not be told where the endpoint is', () => {
    Object.assign(process.env, OIDC)
    const error = errorFor(refresh({ 'role-to-assume': DEPLOY, 'output-env-credentials': 'false' }))
    expect(error.input).toBe('refresh-credentials')
    expect(error.message).toContain('output-env-credentials is false without aws-profile')
    // aws-profile alone is enough: the profile reads the endpoint.
    expect(
      settingsWith(refresh({ 'role-to-assume': DEPLOY, 'aws-profile': 'ci' })).outputEnvCredentials
    ).toBe(false)
  })

  it('refuses a role when GitHub offers this job no OIDC token', () => {
    expect(errorFor(refresh({ 'role-to-assume': DEPLOY })).input).toBe('refresh-credentials')
  })
})
