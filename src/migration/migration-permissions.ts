import type { Partition } from '../aws/partition.js'
import { GITHUB_PROVIDER_HOST } from './read-permissions.js'

interface Where {
  readonly partition: Partition
  readonly accountId: string
}

/** The least the plan needs: read the user, its groups, the provider and the quotas (docs/migrate-to-oidc.md). */
export function planPolicy({ partition, accountId }: Where, userName: string) {
  const iam = `arn:${partition}:iam::${accountId}`
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadTheUser',
        Effect: 'Allow',
        Action: [
          'iam:GetUser',
          'iam:ListAttachedUserPolicies',
          'iam:ListUserPolicies',
          'iam:GetUserPolicy',
          'iam:ListGroupsForUser'
        ],
        Resource: `${iam}:user/${userName}`
      },
      {
        Sid: 'ReadItsGroups',
        Effect: 'Allow',
        Action: ['iam:ListAttachedGroupPolicies', 'iam:ListGroupPolicies', 'iam:GetGroupPolicy'],
        Resource: `${iam}:group/*`
      },
      {
        Sid: 'FindTheProviderAndQuotas',
        Effect: 'Allow',
        Action: ['iam:ListOpenIDConnectProviders', 'iam:GetAccountSummary'],
        Resource: '*'
      },
      {
        Sid: 'ReadTheProvider',
        Effect: 'Allow',
        Action: 'iam:GetOpenIDConnectProvider',
        Resource: `${iam}:oidc-provider/${GITHUB_PROVIDER_HOST}`
      }
    ]
  }
}

/** What apply needs beyond the plan: create, read back and (for a rollback) remove the provider and the role. */
export function applyPolicy({ partition, accountId }: Where, roleName: string) {
  const iam = `arn:${partition}:iam::${accountId}`
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CreateAndRemoveTheProvider',
        Effect: 'Allow',
        Action: [
          'iam:CreateOpenIDConnectProvider',
          'iam:TagOpenIDConnectProvider',
          'iam:DeleteOpenIDConnectProvider'
        ],
        Resource: `${iam}:oidc-provider/${GITHUB_PROVIDER_HOST}`
      },
      {
        Sid: 'CreateReadAndRemoveTheRole',
        Effect: 'Allow',
        Action: [
          'iam:CreateRole',
          'iam:TagRole',
          'iam:PutRolePermissionsBoundary',
          'iam:GetRole',
          'iam:ListAttachedRolePolicies',
          'iam:ListRolePolicies',
          'iam:GetRolePolicy',
          'iam:AttachRolePolicy',
          'iam:PutRolePolicy',
          'iam:DetachRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:DeleteRole'
        ],
        Resource: `${iam}:role/${roleName}`
      }
    ]
  }
}
