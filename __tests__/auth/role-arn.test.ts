import { describe, expect, it } from '@jest/globals'
import { completeRoleArn, isBareRoleName, parseRoleArn, trustPrincipalOf } from '../../src/auth/role-arn.js'

describe('role-arn.ts', () => {
  it.each([
    ['arn:aws:iam::123456789012:user/ci', 'arn:aws:iam::123456789012:role/deploy'],
    ['arn:aws-cn:iam::210987654321:user/ci', 'arn:aws-cn:iam::210987654321:role/deploy'],
    [
      'arn:aws-us-gov:sts::111122223333:assumed-role/base/run-1',
      'arn:aws-us-gov:iam::111122223333:role/deploy'
    ],
    ['arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:role/deploy']
  ])('completes a bare role name with the partition and account of %s', (callerArn, expected) => {
    expect(completeRoleArn('deploy', callerArn)).toBe(expected)
  })

  it('leaves a full role ARN as it is, whatever the caller', () => {
    const arn = 'arn:aws:iam::999999999999:role/team/deploy'
    expect(completeRoleArn(arn, 'arn:aws-cn:iam::123456789012:user/ci')).toBe(arn)
  })

  it('refuses a caller ARN it cannot read', () => {
    expect(() => completeRoleArn('deploy', 'nonsense')).toThrow('cannot read partition and account')
  })

  it('tells a bare name from an ARN', () => {
    expect(isBareRoleName('deploy')).toBe(true)
    expect(isBareRoleName('arn:aws:iam::123456789012:role/deploy')).toBe(false)
  })

  it('parses role ARNs in every partition, with and without a path', () => {
    expect(parseRoleArn('arn:aws-us-gov:iam::123456789012:role/a/b/deploy')).toEqual({
      partition: 'aws-us-gov',
      account: '123456789012',
      name: 'deploy'
    })
    expect(parseRoleArn('arn:aws-cn:iam::123456789012:role/deploy')?.partition).toBe('aws-cn')
    expect(parseRoleArn('arn:aws:iam::123456789012:user/deploy')).toBeUndefined()
  })

  it('names the role behind an assumed-role session, and users as they are', () => {
    expect(trustPrincipalOf('arn:aws:sts::123456789012:assumed-role/base/GitHubActions')).toBe(
      'arn:aws:iam::123456789012:role/base'
    )
    expect(trustPrincipalOf('arn:aws-cn:iam::123456789012:user/ci')).toBe(
      'arn:aws-cn:iam::123456789012:user/ci'
    )
  })
})
