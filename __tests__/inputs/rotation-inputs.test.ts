import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { settingsWith, errorFor } = await import('../../__fixtures__/read-inputs.js')

const valid = {
  'aws-region': 'eu-west-1',
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'github-token': 'github_pat_x'
}

describe('rotation-inputs', () => {
  it('reads the defaults: never rotate, the usual secret names, this repository, a 7-day grace', () => {
    expect(settingsWith(valid)).toMatchObject({
      rotateKey: 'never',
      rotateSecrets: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
      rotateSecretScope: { kind: 'repository' },
      rotateRepositories: [],
      rotateDryRun: false,
      retireAfterDays: 7
    })
  })

  it('reads every scope and more repositories', () => {
    const settings = settingsWith({
      ...valid,
      'rotate-key': 'warned',
      'rotate-secret-scope': 'environment:prod',
      'rotate-repositories': 'octo-org/a, octo-org/b,octo-org/a',
      'rotate-secrets': 'PROD_KEY_ID,PROD_SECRET'
    })
    expect(settings.rotateSecretScope).toEqual({ kind: 'environment', environment: 'prod' })
    expect(settings.rotateRepositories).toEqual(['octo-org/a', 'octo-org/b'])
    expect(settings.rotateSecrets).toEqual(['PROD_KEY_ID', 'PROD_SECRET'])
    expect(
      settingsWith({ ...valid, 'rotate-key': 'always', 'rotate-secret-scope': 'organization' })
        .rotateSecretScope
    ).toEqual({
      kind: 'organization'
    })
  })

  it.each([
    [{ 'rotate-key': 'sometimes' }, 'rotate-key', 'never, warned, expired, always'],
    [{ 'rotate-secrets': 'ONLY_ONE' }, 'rotate-secrets', 'Expected two different secret names'],
    [{ 'rotate-secrets': 'A,A' }, 'rotate-secrets', 'Expected two different secret names'],
    [{ 'rotate-secrets': 'GITHUB_TOKEN,B' }, 'rotate-secrets', 'not a GitHub secret name'],
    [{ 'rotate-secrets': 'my-key,B' }, 'rotate-secrets', 'not a GitHub secret name'],
    [{ 'rotate-secret-scope': 'environment:' }, 'rotate-secret-scope', 'environment:NAME'],
    [{ 'rotate-secret-scope': 'enterprise' }, 'rotate-secret-scope', 'organization'],
    [{ 'rotate-repositories': 'not a repo' }, 'rotate-repositories', 'owner/name'],
    [{ 'rotate-dry-run': 'yes' }, 'rotate-dry-run', 'true or false'],
    [{ 'retire-after-days': '0' }, 'retire-after-days', 'from 1 to 3650']
  ])('rejects %j naming %s', (bad, input, expected) => {
    const error = errorFor({ ...valid, 'rotate-key': 'always', ...bad })
    expect(error.input).toBe(input)
    expect(error.message).toContain(expected)
  })

  it('needs a stored long-lived key: not OIDC, not a temporary key', () => {
    const oidc = {
      'aws-region': 'eu-west-1',
      'role-to-assume': 'arn:aws:iam::123456789012:role/x',
      'rotate-key': 'always',
      'github-token': 't'
    }
    expect(errorFor(oidc).input).toBe('rotate-key')
    const temporary = {
      ...valid,
      'aws-access-key-id': 'ASIAIOSFODNN7EXAMPLE',
      'aws-session-token': 'tok',
      'rotate-key': 'always'
    }
    expect(errorFor(temporary).message).toContain('long-lived key (AKIA…)')
  })

  it('needs a github-token to write the secrets', () => {
    const error = errorFor({ ...valid, 'github-token': '', 'rotate-key': 'expired' })
    expect(error.input).toBe('github-token')
    expect(error.message).toContain('Secrets: read and write')
  })

  it('rejects rotate-dry-run without rotate-key, and rotate-repositories with the organization scope', () => {
    expect(errorFor({ ...valid, 'rotate-dry-run': 'true' }).input).toBe('rotate-dry-run')
    expect(
      errorFor({
        ...valid,
        'rotate-key': 'always',
        'rotate-secret-scope': 'organization',
        'rotate-repositories': 'o/r'
      }).input
    ).toBe('rotate-repositories')
  })
})
