import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'
import { oidcEnv } from '../../__fixtures__/oidc-env.js'

jest.unstable_mockModule('@actions/core', () => core)
const { settingsOver } = await import('../../__fixtures__/read-inputs.js')
const { selectProvider } = await import('../../src/auth/select-provider.js')

const ROLE = 'arn:aws:iam::123456789012:role/deploy'
const keys = { 'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE', 'aws-secret-access-key': 'secret' }

const settingsFor = settingsOver({ 'aws-region': 'eu-west-1' })

async function sourceFor(
  inputs: Record<string, string>,
  env: Record<string, string> = oidcEnv
): Promise<string> {
  const settings = settingsFor(inputs)
  return (await selectProvider(settings, env)).source
}

describe('select-provider.ts', () => {
  it.each([
    ['stored keys alone', keys, 'stored-keys'],
    ['stored keys and a role', { ...keys, 'role-to-assume': ROLE }, 'assume-role'],
    ['stored keys and a bare role name', { ...keys, 'role-to-assume': 'deploy' }, 'assume-role'],
    ['a role without keys (GitHub OIDC)', { 'role-to-assume': ROLE }, 'web-identity'],
    [
      'a role and a token file',
      { 'role-to-assume': ROLE, 'web-identity-token-file': '/tmp/token' },
      'web-identity-file'
    ],
    ['a role with role-chaining', { 'role-to-assume': ROLE, 'role-chaining': 'true' }, 'role-chaining'],
    [
      'a bare role name with role-chaining',
      { 'role-to-assume': 'deploy', 'role-chaining': 'true' },
      'role-chaining'
    ]
  ])('uses %s', async (_case, inputs, source) => {
    expect(await sourceFor(inputs)).toBe(source)
  })

  it.each([
    ['no inputs at all (self-hosted runner)', {}, oidcEnv, 'runner-credentials'],
    ['a role without keys and without an OIDC token', { 'role-to-assume': ROLE }, {}, 'runner-assume-role'],
    [
      'a role with force-skip-oidc',
      { 'role-to-assume': ROLE, 'force-skip-oidc': 'true' },
      oidcEnv,
      'runner-assume-role'
    ],
    [
      'use-existing-credentials',
      { ...keys, 'use-existing-credentials': 'true' },
      oidcEnv,
      'existing-credentials'
    ]
  ])('uses the default provider chain for %s', async (_case, inputs, env, source) => {
    expect(await sourceFor(inputs, env)).toBe(source)
  })

  it('treats stored keys as a long-lived key to age, unless they come with a session token', async () => {
    const obtain = async (inputs: Record<string, string>) =>
      (await selectProvider(settingsFor(inputs), {})).obtain()
    expect((await obtain(keys)).longLivedKey?.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE')
    expect((await obtain({ ...keys, 'aws-session-token': 'token' })).longLivedKey).toBeUndefined()
  })
})
