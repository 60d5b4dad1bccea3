import type { SecretLocation } from './secret-location.js'
import type { KeyPlan } from './plan.js'
import type { Partition } from '../aws/partition.js'

/** The path of an IAM user's ARN (`/ci/` for `…:user/ci/deployer`), `/` at the root or when not a user. */
export function userPath(callerArn: string | undefined): string {
  const match = /^arn:[^:]+:iam::\d*:user(\/(?:[^/]+\/)*)[^/]+$/.exec(callerArn ?? '')
  return match?.[1] ?? '/'
}

/**
 * The caller's own user as a policy resource. `${aws:username}` is the user's name without its path, so
 * for a user with a path (`/ci/`) the path is spelled out: `…:user/${aws:username}` would match no user
 * with a path, and every rotation call would be denied (docs/permissions.md, "Users with a path").
 */
export function ownUserWithPath(partition: Partition, callerArn: string | undefined): string {
  return `arn:${partition}:iam::*:user${userPath(callerArn)}\${aws:username}`
}

/**
 * The self-rotation policy: the key's own user only (docs/rotation.md), in the identity's partition and
 * under the user's path.
 */
export function rotationPolicy(plan: KeyPlan | undefined, partition: Partition, callerArn?: string): object {
  const actions = ['iam:ListAccessKeys', 'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey']
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: plan?.action === 'rotate' && plan.deleteFirst ? 'SelfRotationDeletesRetiredKey' : 'SelfRotation',
        Effect: 'Allow',
        Action: actions,
        Resource: ownUserWithPath(partition, callerArn)
      }
    ]
  }
}

/** What github-token needs on each location, in GitHub's permission names. Pure. */
export function githubPermissions(locations: readonly SecretLocation[]): string[] {
  return locations.map(at => {
    if (at.kind === 'organization') {
      return `organization ${at.owner}: "Secrets" (organization permission) read and write`
    }
    const where = at.kind === 'environment' ? ` (environment ${at.environment})` : ''
    const name = at.kind === 'environment' ? '"Environments" read and write' : '"Secrets" read and write'
    return `repository ${at.owner}/${at.repo}${where}: ${name}`
  })
}
