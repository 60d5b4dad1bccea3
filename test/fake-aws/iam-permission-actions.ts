// IAM reads of a user's permissions, as migrate-to-oidc makes them: GetUser (with its permissions
// boundary), ListAttachedUserPolicies, ListUserPolicies, GetUserPolicy, ListGroupsForUser, and the
// same three for groups. Documents are URL-encoded, as IAM sends them. Each call is authorised.
import type { Group, User } from './account-state.js'
import { AwsError } from './aws-error.js'
import { requireIdentity, type ActionContext, type ActionHandler } from './action-context.js'
import { page } from './iam-actions.js'
import type { NamedPolicy } from './policy-evaluation.js'
import { requireAllowed } from './permissions.js'

function user(ctx: ActionContext, action: string): User {
  const identity = requireIdentity(ctx)
  const name = ctx.params.get('UserName') ?? (identity.kind === 'user' ? identity.user.name : '')
  const found = ctx.state.account.usersByName.get(name)
  requireAllowed(identity, action, found?.arn ?? `arn:aws:iam::${ctx.state.account.accountId}:user/${name}`)
  if (!found) throw new AwsError(404, 'NoSuchEntity', `The user with name ${name} cannot be found.`)
  return found
}

function group(ctx: ActionContext, action: string): Group {
  const name = ctx.params.get('GroupName') ?? ''
  const found = ctx.state.account.groups.get(name)
  requireAllowed(
    requireIdentity(ctx),
    action,
    found?.arn ?? `arn:aws:iam::${ctx.state.account.accountId}:group/${name}`
  )
  if (!found) throw new AwsError(404, 'NoSuchEntity', `The group with name ${name} cannot be found.`)
  return found
}

const attached = (policies: NamedPolicy[], ctx: ActionContext) => {
  const { slice, IsTruncated, Marker } = page(
    policies.filter(p => p.arn !== undefined),
    ctx
  )
  return { AttachedPolicies: slice.map(p => ({ PolicyName: p.name, PolicyArn: p.arn })), IsTruncated, Marker }
}

const inlineNames = (policies: NamedPolicy[], ctx: ActionContext) => {
  const { slice, IsTruncated, Marker } = page(
    policies.filter(p => p.arn === undefined),
    ctx
  )
  return { PolicyNames: slice.map(p => p.name), IsTruncated, Marker }
}

export function inlineDocument(policies: NamedPolicy[], name: string | null, owner: string): string {
  const policy = policies.find(p => p.arn === undefined && p.name === name)
  if (!policy)
    throw new AwsError(404, 'NoSuchEntity', `The ${owner} policy with name ${name} cannot be found.`)
  return encodeURIComponent(JSON.stringify(policy.document))
}

const getUser: ActionHandler = ctx => {
  const u = user(ctx, 'iam:GetUser')
  return {
    User: {
      Path: u.path,
      UserName: u.name,
      UserId: u.id,
      Arn: u.arn,
      CreateDate: u.createDate,
      PermissionsBoundary: u.permissionsBoundary
        ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: u.permissionsBoundary }
        : undefined
    }
  }
}

const listGroupsForUser: ActionHandler = ctx => {
  const u = user(ctx, 'iam:ListGroupsForUser')
  const groups = u.groups.flatMap(g => ctx.state.account.groups.get(g) ?? [])
  const { slice, IsTruncated, Marker } = page(groups, ctx)
  return {
    Groups: slice.map(g => ({
      Path: g.path,
      GroupName: g.name,
      GroupId: g.id,
      Arn: g.arn,
      CreateDate: ctx.now
    })),
    IsTruncated,
    Marker
  }
}

/** ListAttached<Kind>Policies, List<Kind>Policies and Get<Kind>Policy for users, groups or roles. */
export function policyReadActions(
  kind: 'User' | 'Group' | 'Role',
  find: (ctx: ActionContext, action: string) => { name: string; policies: NamedPolicy[] }
): Record<string, ActionHandler> {
  return {
    [`ListAttached${kind}Policies`]: ctx =>
      attached(find(ctx, `iam:ListAttached${kind}Policies`).policies, ctx),
    [`List${kind}Policies`]: ctx => inlineNames(find(ctx, `iam:List${kind}Policies`).policies, ctx),
    [`Get${kind}Policy`]: ctx => {
      const owner = find(ctx, `iam:Get${kind}Policy`)
      const name = ctx.params.get('PolicyName')
      return {
        [`${kind}Name`]: owner.name,
        PolicyName: name,
        PolicyDocument: inlineDocument(owner.policies, name, kind.toLowerCase())
      }
    }
  }
}

export const IAM_PERMISSION_ACTIONS: Record<string, ActionHandler> = {
  GetUser: getUser,
  ListGroupsForUser: listGroupsForUser,
  ...policyReadActions('User', user),
  ...policyReadActions('Group', group)
}
