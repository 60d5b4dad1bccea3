// Every class of bad input through the bundled action: one ::error:: naming the input and what is
// allowed, no AWS call made, nothing exported, no secret echoed.
import { describe, expect, it } from '@jest/globals'
import { loadSeed, seedKey } from '../../test/fake-aws/index.js'
import { assertNoSecretLeaks, runMain } from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const { fake } = useFakeAws(seed)

const valid = {
  'aws-region': 'eu-west-1',
  'aws-access-key-id': admin.id,
  'aws-secret-access-key': admin.secret
}

type Case = [description: string, inputs: Record<string, string>, input: string, allowed: RegExp]

const without = (name: keyof typeof valid): Record<string, string> => {
  const copy: Record<string, string> = { ...valid }
  delete copy[name]
  return copy
}

const cases: Case[] = [
  ['missing aws-region', without('aws-region'), 'aws-region', /required/],
  ['malformed aws-region', { ...valid, 'aws-region': 'Europe' }, 'aws-region', /eu-west-1/],
  ['key id without secret', without('aws-secret-access-key'), 'aws-access-key-id', /together/],
  ['secret without key id', without('aws-access-key-id'), 'aws-secret-access-key', /together/],
  [
    'malformed key id',
    { ...valid, 'aws-access-key-id': 'akia-lowercase' },
    'aws-access-key-id',
    /capital letters/
  ],
  [
    'secret with a space',
    { ...valid, 'aws-secret-access-key': `${admin.secret.slice(0, 20)} ${admin.secret.slice(20)}` },
    'aws-secret-access-key',
    /without spaces/
  ],
  [
    'secret with a trailing newline',
    { ...valid, 'aws-secret-access-key': `${admin.secret}\nX` },
    'aws-secret-access-key',
    /newline or control character/
  ],
  [
    'control character in region',
    { ...valid, 'aws-region': 'eu-west-1\u0007' },
    'aws-region',
    /control character/
  ],
  [
    'session token without keys',
    { 'aws-region': 'eu-west-1', 'aws-session-token': 'FwoGZXIvYXdzEJr' },
    'aws-session-token',
    /aws-access-key-id/
  ],
  ['non-boolean', { ...valid, 'enforce-key-age': 'yes' }, 'enforce-key-age', /true or false/],
  [
    'non-boolean output-credentials',
    { ...valid, 'output-credentials': '1' },
    'output-credentials',
    /true or false/
  ],
  [
    'duration below range',
    { ...valid, 'role-duration-seconds': '60' },
    'role-duration-seconds',
    /900 to 43200/
  ],
  [
    'retry attempts out of range',
    { ...valid, 'retry-max-attempts': '0' },
    'retry-max-attempts',
    /1 to 100\./
  ],
  ['day count not a number', { ...valid, 'max-key-age-days': '90d' }, 'max-key-age-days', /1 to 3650/],
  [
    'warn above max',
    { ...valid, 'warn-key-age-days': '100', 'max-key-age-days': '90' },
    'warn-key-age-days',
    /max-key-age-days/
  ],
  ['unknown check', { ...valid, checks: 'identity,buckets' }, 'checks', /identity, regions, users, key-age/],
  [
    'malformed account id',
    { ...valid, 'allowed-account-ids': '123456789012,12345' },
    'allowed-account-ids',
    /12-digit/
  ],
  ['unknown audit scope', { ...valid, 'audit-scope': 'org' }, 'audit-scope', /caller, account/],
  [
    'session name with a space',
    { ...valid, 'role-session-name': 'my session' },
    'role-session-name',
    /2-64 characters/
  ],
  [
    'external id without a role',
    { ...valid, 'role-external-id': 'ext-42' },
    'role-external-id',
    /role-to-assume/
  ],
  ['malformed role', { ...valid, 'role-to-assume': 'arn:aws:iam::123:role/x' }, 'role-to-assume', /role ARN/],
  ['malformed profile name', { ...valid, 'aws-profile': 'my profile' }, 'aws-profile', /profile name/],
  ['open-issue outside the account audit', { ...valid, 'open-issue': 'true' }, 'open-issue', /audit-scope/],
  [
    'web identity token file with stored keys',
    { ...valid, 'role-to-assume': 'deploy', 'web-identity-token-file': '/tmp/token' },
    'web-identity-token-file',
    /stored keys/
  ],
  [
    'role chaining with stored keys',
    { ...valid, 'role-to-assume': 'deploy', 'role-chaining': 'true' },
    'role-chaining',
    /stored keys/
  ],
  // configure-aws-credentials inputs (docs/drop-in.md)
  [
    'policy not JSON',
    {
      ...valid,
      'role-to-assume': 'arn:aws:iam::123456789012:role/ci-target',
      'role-external-id': 'octo-external-42',
      'inline-session-policy': '{"Statement": ['
    },
    'inline-session-policy',
    /not valid JSON/
  ],
  [
    'policy without role',
    { ...valid, 'inline-session-policy': '{"Statement": []}' },
    'inline-session-policy',
    /role-to-assume/
  ],
  [
    '11 policy ARNs',
    {
      ...valid,
      'role-to-assume': 'arn:aws:iam::123456789012:role/ci-target',
      'role-external-id': 'octo-external-42',
      'managed-session-policies': Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`).join(
        '\n'
      )
    },
    'managed-session-policies',
    /at most 10/
  ],
  [
    'custom-tags not an object',
    {
      ...valid,
      'role-to-assume': 'arn:aws:iam::123456789012:role/ci-target',
      'role-external-id': 'octo-external-42',
      'custom-tags': '[1]'
    },
    'custom-tags',
    /JSON object/
  ],
  [
    'transitive key not sent',
    {
      ...valid,
      'role-to-assume': 'arn:aws:iam::123456789012:role/ci-target',
      'role-external-id': 'octo-external-42',
      'transitive-tag-keys': 'Team'
    },
    'transitive-tag-keys',
    /not a session tag/
  ],
  ['proxy not a URL', { ...valid, 'http-proxy': 'proxy:3128' }, 'http-proxy', /URL like/],
  ['no-proxy with a URL', { ...valid, 'no-proxy': 'https://x.example' }, 'no-proxy', /host names/],
  ['sts-endpoint not a URL', { ...valid, 'sts-endpoint': 'sts' }, 'sts-endpoint', /URL like/],
  ['action-timeout-s too long', { ...valid, 'action-timeout-s': '99999' }, 'action-timeout-s', /0 to 21600/],
  ['disable-retry not boolean', { ...valid, 'disable-retry': 'yes' }, 'disable-retry', /true or false/],
  [
    'unset-current-credentials not boolean',
    { ...valid, 'unset-current-credentials': '1' },
    'unset-current-credentials',
    /true or false/
  ],
  [
    'use-existing-credentials not boolean',
    { ...valid, 'use-existing-credentials': 'y' },
    'use-existing-credentials',
    /true or false/
  ],
  ['force-skip-oidc not boolean', { ...valid, 'force-skip-oidc': 'on' }, 'force-skip-oidc', /true or false/],
  [
    'special-characters-workaround without role',
    { ...valid, 'special-characters-workaround': 'true' },
    'special-characters-workaround',
    /role-to-assume/
  ]
]

describe('bad inputs', () => {
  it.each(cases)(
    '%s → one error naming %s, before any AWS call',
    async (_description, inputs, input, allowed) => {
      const result = await runMain({ inputs, env: fake.env() })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      const error = result.errors[0]!
      expect(error).toContain(`'${input}'`)
      expect(error).toMatch(allowed)
      expect(fake.requests).toEqual([])
      expect(result.exportedEnv).toEqual({})
      const secrets = [inputs['aws-secret-access-key'], inputs['aws-session-token']].filter(
        (s): s is string => !!s
      )
      assertNoSecretLeaks(result, secrets)
      for (const secret of secrets) expect(error).not.toContain(secret)
    }
  )

  it('accepts booleans in any case and surrounding whitespace', async () => {
    const result = await runMain({
      inputs: {
        ...valid,
        'enforce-key-age': 'TRUE',
        'fail-on-denied': ' False ',
        'aws-region': ' eu-west-1 '
      },
      env: fake.env()
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.exportedEnv.AWS_REGION).toBe('eu-west-1')
  })
})
