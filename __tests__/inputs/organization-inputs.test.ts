import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { InputError, readSettings } = await import('../../src/inputs/settings.js')
const { readMergeSettings } = await import('../../src/inputs/merge-inputs.js')

const valid = {
  'aws-region': 'us-east-1',
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'audit-scope': 'organization'
}
const settingsWith = (inputs: Record<string, string>) =>
  readSettings(name => ({ ...valid, ...inputs })[name as keyof typeof valid] ?? '')

function errorFor(read: () => unknown): InstanceType<typeof InputError> {
  try {
    read()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

describe('organization inputs', () => {
  it('default to every ACTIVE account, one shard, 8 at once, the documented role', () => {
    expect(settingsWith({})).toMatchObject({
      auditScope: 'organization',
      auditRoleName: 'aws-auth-check-audit',
      auditAccounts: 'all',
      auditShard: { index: 1, count: 1 },
      auditConcurrency: 8
    })
  })

  it('read a shard, a list of accounts (deduplicated) and a role name', () => {
    expect(
      settingsWith({
        'audit-shard': '3/4',
        'audit-accounts': '111111111111, 222222222222,111111111111',
        'audit-role-name': 'KeyAudit',
        'audit-concurrency': '16'
      })
    ).toMatchObject({
      auditShard: { index: 3, count: 4 },
      auditAccounts: ['111111111111', '222222222222'],
      auditRoleName: 'KeyAudit',
      auditConcurrency: 16
    })
  })

  it.each([
    ['audit-shard', '0/3', /Expected i\/n with 1 ≤ i ≤ n ≤ 256/],
    ['audit-shard', '4/3', /got '4\/3'/],
    ['audit-shard', '2', /matrix/],
    [
      'audit-accounts',
      '1234, 111111111111',
      /got '1234'. Expected all, or a comma list of 12-digit account ids/
    ],
    ['audit-role-name', 'role/with/slash', /an IAM role name/],
    ['audit-concurrency', '0', /from 1 to 64/]
  ])('reject %s: %s naming the input', (input, value, message) => {
    const error = errorFor(() => settingsWith({ [input]: value }))
    expect(error.input).toBe(input)
    expect(error.message).toMatch(message)
  })

  it('point open-issue at the merge sub-action', () => {
    const error = errorFor(() => settingsWith({ 'open-issue': 'true', 'github-token': 't' }))
    expect(error.message).toContain('audit-merge')
  })
})

describe('merge inputs', () => {
  it('require reports, and a token with open-issue', () => {
    expect(errorFor(() => readMergeSettings(() => '')).input).toBe('reports')
    const noToken = errorFor(() =>
      readMergeSettings(name => (name === 'reports' ? 'x' : name === 'open-issue' ? 'true' : ''))
    )
    expect(noToken.input).toBe('github-token')
  })

  it('default to failing on findings, without an issue', () => {
    expect(readMergeSettings(name => (name === 'reports' ? 'shard-reports' : ''))).toEqual({
      reports: 'shard-reports',
      reportPath: undefined,
      failOnFindings: true,
      openIssue: false,
      githubToken: undefined
    })
  })
})
