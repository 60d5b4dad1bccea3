import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { settingsWith, errorFor } = await import('../../__fixtures__/read-inputs.js')

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const role = { 'aws-region': 'eu-west-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' }
const POLICY =
  '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]\n}'

describe('inputs: configure-aws-credentials drop-in', () => {
  it('has configure-aws-credentials defaults when the new inputs are empty', () => {
    expect(settingsWith(role)).toMatchObject({
      managedSessionPolicies: [],
      transitiveTagKeys: [],
      customTags: [],
      specialCharactersWorkaround: false,
      actionTimeoutSeconds: 0,
      retryMaxAttempts: 12,
      disableRetry: false,
      unsetCurrentCredentials: false,
      useExistingCredentials: false,
      forceSkipOidc: false
    })
    const settings = settingsWith(role)
    expect(settings.inlineSessionPolicy).toBeUndefined()
    expect(settings.httpProxy).toBeUndefined()
    expect(settings.noProxy).toBeUndefined()
  })

  it('packs a multi-line inline session policy to the JSON AWS counts', () => {
    expect(settingsWith({ ...role, 'inline-session-policy': POLICY }).inlineSessionPolicy).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
    )
  })

  it.each([
    ['commas', 'arn:aws:iam::aws:policy/ReadOnlyAccess,arn:aws:iam::123456789012:policy/x'],
    ['newlines', 'arn:aws:iam::aws:policy/ReadOnlyAccess\narn:aws:iam::123456789012:policy/x\n'],
    ['both', 'arn:aws:iam::aws:policy/ReadOnlyAccess,\r\n arn:aws:iam::123456789012:policy/x']
  ])('reads managed-session-policies separated by %s', (_, value) => {
    expect(settingsWith({ ...role, 'managed-session-policies': value }).managedSessionPolicies).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::123456789012:policy/x'
    ])
  })

  it.each([
    ['checks', 'identity\nregions\n', 'checks', ['identity', 'regions']],
    [
      'allowed-account-ids',
      '123456789012\n210987654321',
      'allowedAccountIds',
      ['123456789012', '210987654321']
    ],
    ['transitive-tag-keys', 'Repository\nActor', 'transitiveTagKeys', ['Repository', 'Actor']],
    [
      'no-proxy',
      'localhost\n.internal, 10.0.0.1:8080',
      'noProxy',
      ['localhost', '.internal', '10.0.0.1:8080']
    ]
  ])('reads the list input %s as a YAML block', (input, value, field, expected) => {
    expect(settingsWith({ ...role, [input]: value })[field as 'checks']).toEqual(expected)
  })

  it('reads custom-tags, the proxy inputs, sts-endpoint and the timeout', () => {
    // With step debug on, so the input dump is written and can be searched for the password.
    core.isDebug.mockReturnValueOnce(true)
    const settings = settingsWith({
      ...role,
      'custom-tags': '{"Team": "web", "Cost Center": "42"}',
      'transitive-tag-keys': 'Team',
      'http-proxy': 'http://user:pa55@proxy.example.com:3128',
      'sts-endpoint': 'https://sts.eu-west-1.amazonaws.com',
      'action-timeout-s': '120'
    })
    expect(settings.customTags).toEqual([
      { key: 'Team', value: 'web' },
      { key: 'Cost Center', value: '42' }
    ])
    expect(settings).toMatchObject({
      httpProxy: 'http://user:pa55@proxy.example.com:3128',
      stsEndpoint: 'https://sts.eu-west-1.amazonaws.com',
      actionTimeoutSeconds: 120
    })
    // The debug log never shows the proxy password.
    expect(core.debug.mock.calls.flat().join('\n')).toContain('input httpProxy = ')
    expect(core.debug.mock.calls.flat().join('\n')).not.toContain('pa55')
  })

  it('makes disable-retry one attempt per call', () => {
    expect(
      settingsWith({ ...role, 'disable-retry': 'true', 'retry-max-attempts': '7' }).retryMaxAttempts
    ).toBe(1)
  })

  it('keeps every credential input optional: the default provider chain is the last source', () => {
    expect(settingsWith({ 'aws-region': 'eu-west-1' }).roleToAssume).toBeUndefined()
  })

  const longPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: Array.from({ length: 200 }, (_, i) => `s3:Action${i}`), Resource: '*' }
    ]
  })
  const tags51 = JSON.stringify(Object.fromEntries(Array.from({ length: 44 }, (_, i) => [`k${i}`, 'v'])))
  const arns11 = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`).join(',')

  it.each([
    [
      'policy not JSON',
      { 'inline-session-policy': '{"Version": ' },
      'inline-session-policy',
      'is not valid JSON'
    ],
    [
      'policy not a document',
      { 'inline-session-policy': '[1,2]' },
      'inline-session-policy',
      'not a policy document'
    ],
    ['policy too long', { 'inline-session-policy': longPolicy }, 'inline-session-policy', 'at most 2048'],
    [
      'policy with a bell',
      { 'inline-session-policy': '{"Statement":[]}\u0007' },
      'inline-session-policy',
      'U+0007'
    ],
    [
      'policy arn malformed',
      { 'managed-session-policies': 'ReadOnlyAccess' },
      'managed-session-policies',
      "got 'ReadOnlyAccess'"
    ],
    ['eleven policy arns', { 'managed-session-policies': arns11 }, 'managed-session-policies', 'at most 10'],
    ['custom-tags not an object', { 'custom-tags': 'Team=web' }, 'custom-tags', 'not a JSON object'],
    ['custom tag value not a string', { 'custom-tags': '{"Team": 5}' }, 'custom-tags', "tag 'Team'"],
    ['custom tag with a bad character', { 'custom-tags': '{"Team": "a;b"}' }, 'custom-tags', "tag 'Team'"],
    ['custom tag key reserved', { 'custom-tags': '{"aws:x": "y"}' }, 'custom-tags', 'not starting with aws:'],
    [
      'custom tag key too long',
      { 'custom-tags': JSON.stringify({ ['k'.repeat(129)]: 'v' }) },
      'custom-tags',
      '1-128'
    ],
    [
      'custom tag clashing with GitHub',
      { 'custom-tags': '{"repository": "x"}' },
      'custom-tags',
      'case-insensitive'
    ],
    ['51 session tags', { 'custom-tags': tags51 }, 'custom-tags', 'that is 51'],
    ['transitive key not sent', { 'transitive-tag-keys': 'Team' }, 'transitive-tag-keys', "names 'Team'"],
    [
      'transitive key with skip',
      { 'transitive-tag-keys': 'Actor', 'role-skip-session-tagging': 'true' },
      'transitive-tag-keys',
      "names 'Actor'"
    ],
    [
      'workaround not boolean',
      { 'special-characters-workaround': 'yes' },
      'special-characters-workaround',
      'true or false'
    ],
    ['proxy without scheme', { 'http-proxy': 'proxy:3128' }, 'http-proxy', 'Expected a URL like'],
    ['proxy socks', { 'http-proxy': 'ftp://proxy:3128' }, 'http-proxy', 'Expected a URL like'],
    ['proxy with a newline', { 'http-proxy': 'http://proxy:3128\n' }, 'http-proxy', 'U+000A'],
    ['no-proxy with a URL', { 'no-proxy': 'https://example.com' }, 'no-proxy', 'Expected host names'],
    ['no-proxy with a tab', { 'no-proxy': 'a\tb' }, 'no-proxy', 'U+0009'],
    [
      'sts-endpoint not a URL',
      { 'sts-endpoint': 'sts.amazonaws.com' },
      'sts-endpoint',
      'Expected a URL like'
    ],
    ['timeout negative', { 'action-timeout-s': '-1' }, 'action-timeout-s', 'from 0 to 21600'],
    ['timeout too long', { 'action-timeout-s': '21601' }, 'action-timeout-s', 'from 0 to 21600'],
    ['retry attempts too many', { 'retry-max-attempts': '101' }, 'retry-max-attempts', 'from 1 to 100'],
    ['disable-retry not boolean', { 'disable-retry': 'no' }, 'disable-retry', 'true or false'],
    ['unset not boolean', { 'unset-current-credentials': '1' }, 'unset-current-credentials', 'true or false'],
    [
      'use-existing not boolean',
      { 'use-existing-credentials': 'y' },
      'use-existing-credentials',
      'true or false'
    ],
    ['force-skip-oidc not boolean', { 'force-skip-oidc': 'on' }, 'force-skip-oidc', 'true or false']
  ])('rejects %s, naming the input', (_, inputs, input, message) => {
    const error = errorFor({ ...role, ...inputs })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Invalid input '${input}'`)
    expect(error.message).toContain(message)
  })

  it.each([
    ['inline-session-policy', POLICY],
    ['managed-session-policies', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ['custom-tags', '{"Team": "web"}'],
    ['transitive-tag-keys', 'Repository'],
    ['special-characters-workaround', 'true']
  ])('rejects %s without role-to-assume', (input, value) => {
    const error = errorFor({
      'aws-region': 'eu-west-1',
      'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
      'aws-secret-access-key': SECRET,
      [input]: value
    })
    expect(error.input).toBe(input)
    expect(error.message).toContain('only used together with role-to-assume')
  })

  it('quotes at most a short prefix of a bad value', () => {
    const error = errorFor({ ...role, 'managed-session-policies': 'x'.repeat(5000) })
    expect(error.message.length).toBeLessThan(300)
    expect(error.message).toContain('(5000 characters)')
  })

  it('names a proxy in an error without its password', () => {
    const error = errorFor({ ...role, 'http-proxy': 'ftp://user:s3cret@proxy:3128' })
    expect(error.message).not.toContain('s3cret')
    expect(error.message).toContain('user:***@proxy')
  })

  it('allows a bare role name without keys when force-skip-oidc says no web identity', () => {
    expect(
      settingsWith({ 'aws-region': 'eu-west-1', 'role-to-assume': 'deploy', 'force-skip-oidc': 'true' })
        .roleToAssume
    ).toBe('deploy')
    expect(errorFor({ 'aws-region': 'eu-west-1', 'role-to-assume': 'deploy' }).message).toContain(
      'force-skip-oidc'
    )
  })
})
