import type { SecretLocation } from './secret-location.js'
import type { KeyPlan } from './plan.js'
import { ownUserResource, type Partition } from '../aws/partition.js'

/** The self-rotation policy: the key's own user only (docs/rotation.md), in the identity's partition. */
export function rotationPolicy(plan: KeyPlan | undefined, partition: Partition): object {
  const actions = ['iam:ListAccessKeys', 'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey']
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: plan?.action === 'rotate' && plan.deleteFirst ? 'SelfRotationDeletesRetiredKey' : 'SelfRotation',
        Effect: 'Allow',
        Action: actions,
        Resource: ownUserResource(partition)
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
