import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { settingsWith, errorFor } = await import('../../__fixtures__/read-inputs.js')

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const valid = {
  'aws-region': 'eu-west-1',
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': SECRET
}

describe('inputs/settings.ts', () => {
  it('reads the defaults into a frozen Settings object', () => {
    const settings = settingsWith(valid)
    expect(settings).toMatchObject({
      region: 'eu-west-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      roleSessionName: 'GitHubActions',
      roleDurationSeconds: 3600,
      audience: 'sts.amazonaws.com',
      retryMaxAttempts: 12,
      checks: ['identity', 'regions', 'users', 'key-age'],
      warnKeyAgeDays: 75,
      maxKeyAgeDays: 90,
      enforceKeyAge: true,
      failOnDenied: false,
      auditScope: 'caller',
      unusedKeyDays: 45,
      failOnFindings: true,
      outputEnvCredentials: true,
      outputCredentials: false
    })
    expect(Object.isFrozen(settings)).toBe(true)
    expect(Object.isFrozen(settings.checks)).toBe(true)
  })

  it.each([
    ['eu-west-1'],
    ['us-gov-west-1'],
    ['cn-north-1'],
    ['ap-southeast-5'],
    ['il-central-1'],
    ['us-iso-east-1'],
    ['eusc-de-east-1']
  ])('accepts the region %s', region => {
    expect(settingsWith({ ...valid, 'aws-region': region }).region).toBe(region)
  })

  it.each([
    ['TRUE', true],
    ['True', true],
    ['false', false],
    ['FaLsE', false]
  ])('accepts the boolean %s in any case', (value, expected) => {
    expect(settingsWith({ ...valid, 'fail-on-denied': value }).failOnDenied).toBe(expected)
  })

  it('runs every check when checks is empty, as action.yml defaults it', () => {
    expect(settingsWith({ ...valid, checks: ' , ' }).checks).toEqual([
      'identity',
      'regions',
      'users',
      'key-age'
    ])
  })

  it('puts identity first, drops duplicates and keeps the selected checks in canonical order', () => {
    expect(settingsWith({ ...valid, checks: 'key-age, regions,regions' }).checks).toEqual([
      'identity',
      'regions',
      'key-age'
    ])
  })

  it('reads allowed-account-ids as a de-duplicated list', () => {
    expect(
      settingsWith({ ...valid, 'allowed-account-ids': '123456789012, 210987654321,123456789012' })
        .allowedAccountIds
    ).toEqual(['123456789012', '210987654321'])
  })

  it.each([
    ['aws-region missing', { 'aws-region': '' }, 'aws-region', 'is required'],
    [
      'aws-region malformed',
      { 'aws-region': 'Europe' },
      'aws-region',
      "got 'Europe'. Expected a region code like eu-west-1"
    ],
    [
      'aws-region with a newline',
      { 'aws-region': 'eu-west-1\nX=1' },
      'aws-region',
      'newline or control character (U+000A at position 10)'
    ],
    [
      'a secret with a control character',
      { 'aws-secret-access-key': 'abc\u0007def' },
      'aws-secret-access-key',
      'control character (U+0007'
    ],
    ['key id without secret', { 'aws-secret-access-key': '' }, 'aws-access-key-id', 'must be given together'],
    ['secret without key id', { 'aws-access-key-id': '' }, 'aws-secret-access-key', 'must be given together'],
    [
      'key id malformed',
      { 'aws-access-key-id': 'akia-lower' },
      'aws-access-key-id',
      'Expected an access key id'
    ],
    [
      'secret with a space',
      { 'aws-secret-access-key': 'abc def' },
      'aws-secret-access-key',
      'Expected a secret access key without spaces'
    ],
    [
      'session token without keys',
      {
        'aws-access-key-id': '',
        'aws-secret-access-key': '',
        'aws-session-token': 'tok',
        'role-to-assume': 'deploy'
      },
      'aws-session-token',
      'only used with aws-access-key-id'
    ],
    [
      'boolean not true/false',
      { 'fail-on-denied': 'yes' },
      'fail-on-denied',
      "got 'yes'. Expected true or false."
    ],
    ['boolean 1', { 'enforce-key-age': '1' }, 'enforce-key-age', 'Expected true or false'],
    [
      'integer with letters',
      { 'max-key-age-days': '90d' },
      'max-key-age-days',
      'Expected a whole number from 1 to 3650'
    ],
    ['integer zero', { 'warn-key-age-days': '0' }, 'warn-key-age-days', 'from 1 to 3650'],
    ['integer too large', { 'unused-key-days': '3651' }, 'unused-key-days', 'from 1 to 3650'],
    ['negative integer', { 'max-key-age-days': '-5' }, 'max-key-age-days', 'from 1 to 3650'],
    ['fractional integer', { 'max-key-age-days': '1.5' }, 'max-key-age-days', 'from 1 to 3650'],
    [
      'warn above max',
      { 'warn-key-age-days': '100', 'max-key-age-days': '90' },
      'warn-key-age-days',
      'greater than max-key-age-days (90)'
    ],
    ['duration too short', { 'role-duration-seconds': '899' }, 'role-duration-seconds', 'from 900 to 43200'],
    ['duration too long', { 'role-duration-seconds': '43201' }, 'role-duration-seconds', 'from 900 to 43200'],
    ['retry attempts zero', { 'retry-max-attempts': '0' }, 'retry-max-attempts', 'from 1 to 100.'],
    ['unknown check', { checks: 'identity,buckets' }, 'checks', "unknown check 'buckets'"],
    ['audit-scope unknown', { 'audit-scope': 'org' }, 'audit-scope', 'Expected one of: caller, account'],
    ['session name too short', { 'role-session-name': 'a' }, 'role-session-name', '2-64 characters'],
    [
      'session name with a space',
      { 'role-session-name': 'my session' },
      'role-session-name',
      '2-64 characters'
    ],
    [
      'session name too long',
      { 'role-session-name': 'a'.repeat(65) },
      'role-session-name',
      '2-64 characters'
    ],
    [
      'role ARN malformed',
      { 'role-to-assume': 'arn:aws:iam::12345:role/deploy' },
      'role-to-assume',
      'Expected a role ARN'
    ],
    [
      'role ARN of a user',
      { 'role-to-assume': 'arn:aws:iam::123456789012:user/alice' },
      'role-to-assume',
      'Expected a role ARN'
    ],
    [
      'account id too short',
      { 'allowed-account-ids': '12345' },
      'allowed-account-ids',
      "got '12345'. Expected 12-digit"
    ],
    [
      'account id with letters',
      { 'allowed-account-ids': '123456789012,12345678901a' },
      'allowed-account-ids',
      "got '12345678901a'"
    ],
    [
      'external id without role',
      { 'role-external-id': 'ext-id' },
      'role-external-id',
      'only used together with role-to-assume'
    ],
    [
      'chaining without role',
      { 'role-chaining': 'true' },
      'role-chaining',
      'only used together with role-to-assume'
    ],
    [
      'a bare role name with OIDC',
      { 'aws-access-key-id': '', 'aws-secret-access-key': '', 'role-to-assume': 'deploy' },
      'role-to-assume',
      'Give the full ARN, like arn:aws:iam::123456789012:role/deploy'
    ],
    [
      'an external id with OIDC',
      {
        'aws-access-key-id': '',
        'aws-secret-access-key': '',
        'role-to-assume': 'arn:aws:iam::123456789012:role/deploy',
        'role-external-id': 'ext-id'
      },
      'role-external-id',
      'AssumeRoleWithWebIdentity (OIDC) has no external id'
    ],
    [
      'role-chaining with a token file',
      {
        'aws-access-key-id': '',
        'aws-secret-access-key': '',
        'role-to-assume': 'deploy',
        'role-chaining': 'true',
        'web-identity-token-file': '/tmp/token'
      },
      'role-chaining',
      'Give one or the other'
    ],
    [
      'a chained session longer than AWS allows',
      {
        'aws-access-key-id': '',
        'aws-secret-access-key': '',
        'role-to-assume': 'deploy',
        'role-chaining': 'true',
        'role-duration-seconds': '7200'
      },
      'role-duration-seconds',
      'AWS limits sessions assumed by role chaining to 3600 seconds'
    ],
    ['open-issue in caller scope', { 'open-issue': 'true' }, 'open-issue', 'Set audit-scope: account'],
    [
      'open-issue without a token',
      { 'audit-scope': 'account', 'open-issue': 'true' },
      'github-token',
      'open-issue needs it'
    ],
    ['profile name with a bracket', { 'aws-profile': 'prod]' }, 'aws-profile', 'a profile name of 1-64']
  ])('rejects %s', (_case, overrides, input, message) => {
    const error = errorFor({ ...valid, ...overrides })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Invalid input '${input}'`)
    expect(error.message).toContain(message)
  })

  it('accepts the account audit with an issue, its thresholds and report path', () => {
    const settings = settingsWith({
      ...valid,
      'audit-scope': 'account',
      'open-issue': 'TRUE',
      'github-token': 'ghs_exampletoken',
      'unused-key-days': '30',
      'fail-on-findings': 'false',
      'report-path': 'reports/key-audit.json'
    })
    expect(settings).toMatchObject({
      auditScope: 'account',
      openIssue: true,
      unusedKeyDays: 30,
      failOnFindings: false,
      reportPath: 'reports/key-audit.json'
    })
  })

  it.each([
    ['GitHub OIDC', { 'role-to-assume': 'arn:aws-us-gov:iam::123456789012:role/deploy' }],
    [
      'a token file',
      { 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy', 'web-identity-token-file': 'token.jwt' }
    ],
    ['role chaining with a bare name', { 'role-to-assume': 'deploy', 'role-chaining': 'true' }],
    [
      'stored keys with a bare name and an external id',
      { ...valid, 'role-to-assume': 'deploy', 'role-external-id': 'x-1' }
    ]
  ])('accepts role-to-assume with %s', (_case, inputs) => {
    const settings = settingsWith({ 'aws-region': 'eu-west-1', ...inputs })
    expect(settings.roleToAssume).toBe(inputs['role-to-assume'])
  })

  it('never echoes a secret value in its message', () => {
    const error = errorFor({ ...valid, 'aws-secret-access-key': 'has space' })
    expect(error.message).not.toContain('has space')
  })

  it('reads aws-profile and overwrite-aws-profile', () => {
    expect(
      settingsWith({ ...valid, 'aws-profile': 'ci.deploy+eu@x', 'overwrite-aws-profile': 'TRUE' })
    ).toMatchObject({
      awsProfile: 'ci.deploy+eu@x',
      overwriteAwsProfile: true
    })
  })
})
