// A role chain in a seed: the default seed's `deploy` role (OIDC) may assume and tag, and a role
// `chained` trusts deploy's sessions, so role-chaining from an OIDC session can be tested.
import type { Seed } from './seed.js'

export const DEPLOY_ROLE = 'arn:aws:iam::123456789012:role/deploy'
export const CHAINED_ROLE = 'arn:aws:iam::123456789012:role/chained'

/** Adds the `chained` role to `seed` (the default seed or a copy of it) and returns the seed. */
export function addChainedRole(seed: Seed): Seed {
  seed.roles!.find(r => r.name === 'deploy')!.allowedActions.push('sts:AssumeRole', 'sts:TagSession')
  seed.roles!.push({
    name: 'chained',
    maxSessionDurationSeconds: 3600,
    allowedActions: ['sts:GetCallerIdentity', 'ec2:DescribeRegions', 'iam:ListUsers'],
    trustPolicy: {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: DEPLOY_ROLE }, Action: ['sts:AssumeRole', 'sts:TagSession'] }
      ]
    }
  })
  return seed
}
