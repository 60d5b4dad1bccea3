import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../src/inputs/read-input.js'
import { readPermissionInputs, withPermissionsCheck } from '../../src/inputs/permission-inputs.js'
import {
  parseRequirementLine,
  requirementsFromPolicy,
  RequirementSyntaxError
} from '../../src/inputs/required-permissions.js'
import type { CheckSettings } from '../../src/inputs/check-inputs.js'

const workspace = mkdtempSync(join(tmpdir(), 'require-permissions-'))
const read = (value: string) => (name: string) => (name === 'require-permissions' ? value : '')
const readWith = (value: string) => readPermissionInputs(read(value), workspace)

function errorOf(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

describe('required-permissions', () => {
  it('reads service:Action with an optional resource, defaulting to *', () => {
    expect(parseRequirementLine('s3:PutObject', 'line 1')).toEqual({
      action: 's3:PutObject',
      resource: '*',
      origin: 'line 1'
    })
    expect(parseRequirementLine('s3:PutObject arn:aws:s3:::site/*', 'line 2').resource).toBe(
      'arn:aws:s3:::site/*'
    )
    expect(
      parseRequirementLine('iam:PassRole arn:aws-us-gov:iam::123456789012:role/ci/deploy', 'l').resource
    ).toBe('arn:aws-us-gov:iam::123456789012:role/ci/deploy')
  })

  it.each([
    ['s3:Put*', /has a wildcard/],
    ['s3PutObject', /is not an IAM action/],
    ['S3:PutObject', /is not an IAM action/],
    ['s3:PutObject arn:aws:s3', /is not a resource ARN/],
    ['s3:PutObject bucket/key', /is not a resource ARN/],
    ['s3:PutObject arn:aws:s3:::a extra', /got 3 words/]
  ])('rejects %p naming the line', (line, message) => {
    const error = errorOf(() => parseRequirementLine(line, 'line 4'))
    expect(error).toBeInstanceOf(RequirementSyntaxError)
    expect(error.message).toMatch(/^line 4: /)
    expect(error.message).toMatch(message)
  })

  it("turns a policy's Allow statements into action × resource pairs and ignores Deny", () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:GetObject'],
          Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*']
        },
        { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
        { Effect: 'Allow', Action: 'cloudformation:UpdateStack', Resource: '*' }
      ]
    }
    const pairs = requirementsFromPolicy(policy, 'f').map(r => `${r.action} ${r.resource} (${r.origin})`)
    expect(pairs).toEqual([
      's3:PutObject arn:aws:s3:::a/* (f statement 1)',
      's3:PutObject arn:aws:s3:::b/* (f statement 1)',
      's3:GetObject arn:aws:s3:::a/* (f statement 1)',
      's3:GetObject arn:aws:s3:::b/* (f statement 1)',
      'cloudformation:UpdateStack * (f statement 3)'
    ])
  })

  it.each([
    [{ Statement: [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }] }, /statement 1: NotAction/],
    [
      { Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' } },
      /statement 1: 'ec2:\*' has a wildcard/
    ],
    [{ Statement: [{ Effect: 'Deny', Action: 's3:GetObject' }] }, /no Allow statement/],
    [{ Version: '2012-10-17' }, /not an IAM policy document/],
    [{ Statement: [{ Effect: 'Allow', Action: [1], Resource: '*' }] }, /must be strings/]
  ])('rejects a policy it cannot prove action by action: %j', (policy, message) => {
    expect(errorOf(() => requirementsFromPolicy(policy, 'f')).message).toMatch(message)
  })
})

describe('permission-inputs', () => {
  it('reads one requirement per line, skipping blanks and # comments, deduplicated', () => {
    const { requiredPermissions } = readWith(
      '# deploy\ns3:PutObject arn:aws:s3:::site/*\r\n\n  cloudformation:UpdateStack  # stack\ns3:putobject arn:aws:s3:::site/*'
    )
    expect(requiredPermissions.map(r => [r.action, r.resource, r.origin])).toEqual([
      ['s3:PutObject', 'arn:aws:s3:::site/*', 'line 2'],
      ['cloudformation:UpdateStack', '*', 'line 4']
    ])
    expect(readWith('').requiredPermissions).toEqual([])
  })

  it('reads a file: policy relative to the workspace, at input time', () => {
    writeFileSync(
      join(workspace, 'deploy.json'),
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: '*' }] })
    )
    const { requiredPermissions } = readWith('sts:GetCallerIdentity\nfile: deploy.json')
    expect(requiredPermissions.map(r => r.origin)).toEqual([
      'line 1',
      'line 2 (file: deploy.json) statement 1'
    ])
  })

  it.each([
    [
      'file:missing.json',
      /^Invalid input 'require-permissions': line 1: cannot read .*missing\.json \(ENOENT\)/
    ],
    ['s3:GetObject\nfile:broken.json', /line 2: broken\.json is not valid JSON/],
    ['file:', /line 1: 'file:' needs a path/],
    ['s3:GetObject\ts3:PutObject', /line 1 contains a control character \(U\+0009 at column 13\)/],
    ['s3:GetObject\n\u0007', /line 2 contains a control character \(U\+0007/]
  ])('rejects %p with an InputError naming the line', (value, message) => {
    writeFileSync(join(workspace, 'broken.json'), '{ "Statement": [')
    const error = errorOf(() => readWith(value))
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toMatch(message)
  })

  const checks = (names: CheckSettings['checks']) => ({ checks: names }) as CheckSettings

  it('adds the permissions check when something is required, and refuses it when nothing is', () => {
    const required = readWith('s3:GetObject')
    expect(withPermissionsCheck(checks(['identity', 'key-age']), required).checks).toEqual([
      'identity',
      'key-age',
      'permissions'
    ])
    expect(withPermissionsCheck(checks(['identity']), readWith('')).checks).toEqual(['identity'])
    expect(
      errorOf(() => withPermissionsCheck(checks(['identity', 'permissions']), readWith(''))).message
    ).toMatch(/^Invalid input 'checks': 'permissions' needs require-permissions/)
  })
})
