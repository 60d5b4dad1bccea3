import { describe, expect, it } from '@jest/globals'
import {
  defaultAudience,
  ownUserResource,
  partitionOf,
  partitionOfArn,
  partitionOfRegion
} from '../../src/aws/partition.js'

describe('partition.ts', () => {
  it.each([
    ['arn:aws:iam::123456789012:user/ci', 'aws'],
    ['arn:aws-cn:sts::123456789012:assumed-role/deploy/run', 'aws-cn'],
    ['arn:aws-us-gov:iam::123456789012:role/deploy', 'aws-us-gov'],
    ['arn:aws-iso-b:iam::123456789012:root', 'aws-iso-b'],
    ['not an arn', undefined],
    [undefined, undefined]
  ])('reads the partition of %s', (arn, partition) => {
    expect(partitionOfArn(arn)).toBe(partition)
  })

  it.each([
    ['eu-west-1', 'aws'],
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eusc-de-east-1', 'aws-eusc']
  ])('knows the partition of region %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition)
  })

  it("takes the identity's ARN over the region", () => {
    expect(partitionOf('arn:aws-us-gov:iam::123456789012:user/ci', 'eu-west-1')).toBe('aws-us-gov')
    expect(partitionOf(undefined, 'cn-north-1')).toBe('aws-cn')
  })

  it("writes the caller's own user in the partition", () => {
    expect(ownUserResource('aws-us-gov')).toBe('arn:aws-us-gov:iam::*:user/${aws:username}')
  })

  it('defaults the OIDC audience to the STS host of the partition', () => {
    expect(defaultAudience('eu-west-1')).toBe('sts.amazonaws.com')
    expect(defaultAudience('us-gov-east-1')).toBe('sts.amazonaws.com')
    expect(defaultAudience('cn-northwest-1')).toBe('sts.amazonaws.com.cn')
  })
})
