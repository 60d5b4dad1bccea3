// The self-rotation policy a dry run prints: `${aws:username}` is a user's name without its path, so the
// Resource must carry the user's path or the policy matches nothing (docs/permissions.md, "Users with a path").
import { describe, expect, it } from '@jest/globals'
import { ownUserWithPath, rotationPolicy, userPath } from '../../src/rotation/permissions.js'
import { pathNote } from '../../src/report/rotation-summary.js'

const resourceOf = (policy: object) =>
  (policy as { Statement: { Resource: string }[] }).Statement[0]!.Resource

describe('the rotation policy under the user path', () => {
  it('reads the path of a user ARN, and / for a root user, a role or nothing', () => {
    expect(userPath('arn:aws:iam::123456789012:user/ci/deployer')).toBe('/ci/')
    expect(userPath('arn:aws:iam::123456789012:user/a/b/deployer')).toBe('/a/b/')
    expect(userPath('arn:aws:iam::123456789012:user/deployer')).toBe('/')
    expect(userPath('arn:aws:sts::123456789012:assumed-role/deploy/session')).toBe('/')
    expect(userPath(undefined)).toBe('/')
  })

  it('spells the path out for a user with a path, in its partition', () => {
    expect(resourceOf(rotationPolicy(undefined, 'aws', 'arn:aws:iam::123456789012:user/ci/deployer'))).toBe(
      'arn:aws:iam::*:user/ci/${aws:username}'
    )
    expect(ownUserWithPath('aws-us-gov', 'arn:aws-us-gov:iam::123456789012:user/ci/deployer')).toBe(
      'arn:aws-us-gov:iam::*:user/ci/${aws:username}'
    )
  })

  it('keeps user/${aws:username} for a user at the root path', () => {
    expect(resourceOf(rotationPolicy(undefined, 'aws', 'arn:aws:iam::123456789012:user/deployer'))).toBe(
      'arn:aws:iam::*:user/${aws:username}'
    )
  })

  it('prints why: the note names the path trap either way', () => {
    expect(pathNote('arn:aws:iam::123456789012:user/ci/deployer')).toContain('This user has the path /ci/')
    expect(pathNote('arn:aws:iam::123456789012:user/deployer')).toContain('without its path')
    expect(pathNote('arn:aws:iam::123456789012:user/deployer')).toContain('…:user/ci/${aws:username}')
  })
})
