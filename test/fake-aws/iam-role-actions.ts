// IAM role and OIDC provider writes, as migrate-to-oidc makes them: CreateRole (tags, boundary, trust
// policy), DeleteRole (refused while policies remain), Attach/DetachRolePolicy, Put/Get/DeleteRolePolicy,
// ListAttachedRolePolicies, ListRolePolicies, and the OIDC provider's List/Get/Create/Delete. IAM's
// quotas hold (10 managed policies and 10,240 characters of inline policy per role), every call is
// authorised, and a created role's trust policy is what AssumeRoleWithWebIdentity then evaluates.
import type { Role } from './account-state.js'
import { ROLE_QUOTAS, uniqueId } from './account-state.js'
import { AwsError, validationError } from './aws-error.js'
import { requireIdentity, type ActionContext, type ActionHandler } from './action-context.js'
import { inlineDocument, policyReadActions } from './iam-permission-actions.js'
import { requireAllowed } from './permissions.js'
import type { TrustStatement } from './seed.js'

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/

const arnOf = (ctx: ActionContext, suffix: string) => `arn:aws:iam::${ctx.state.account.accountId}:${suffix}`
const conflict = (code: string, message: string) => new AwsError(409, code, message)

function role(ctx: ActionContext, action: string): Role {
  const name = ctx.params.get('RoleName') ?? ''
  const found = ctx.state.account.roles.get(name)
  requireAllowed(requireIdentity(ctx), action, found?.arn ?? arnOf(ctx, `role/${name}`))
  if (!found) throw new AwsError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`)
  return found
}

function readTags(params: URLSearchParams): { Key: string; Value: string }[] {
  const tags: { Key: string; Value: string }[] = []
  for (let i = 1; params.has(`Tags.member.${i}.Key`); i++)
    tags.push({ Key: params.get(`Tags.member.${i}.Key`)!, Value: params.get(`Tags.member.${i}.Value`) ?? '' })
  return tags
}

function parseDocument(text: string | null, what: string): unknown {
  try {
    return JSON.parse(text ?? '')
  } catch {
    throw new AwsError(400, 'MalformedPolicyDocument', `${what} is not valid JSON`)
  }
}

const createRole: ActionHandler = ctx => {
  const name = ctx.params.get('RoleName') ?? ''
  const path = ctx.params.get('Path') ?? '/'
  requireAllowed(requireIdentity(ctx), 'iam:CreateRole', arnOf(ctx, `role${path}${name}`))
  if (!ROLE_NAME.test(name)) throw validationError(`The specified value for roleName is invalid: ${name}`)
  if (ctx.state.account.roles.has(name))
    throw conflict('EntityAlreadyExists', `Role with name ${name} already exists.`)
  const trust = parseDocument(ctx.params.get('AssumeRolePolicyDocument'), 'AssumeRolePolicyDocument') as {
    Statement: TrustStatement[]
  }
  const boundary = ctx.params.get('PermissionsBoundary') ?? undefined
  const created: Role = {
    name,
    path,
    id: uniqueId('AROA', `${ctx.state.account.accountId}/role/${name}`),
    arn: arnOf(ctx, `role${path}${name}`),
    allowedActions: [],
    policies: [],
    trustPolicy: trust,
    maxSessionDurationSeconds: Number(ctx.params.get('MaxSessionDuration') ?? 3600),
    tags: readTags(ctx.params),
    permissionsBoundary: boundary,
    description: ctx.params.get('Description') ?? undefined,
    createDate: ctx.now
  }
  ctx.state.account.roles.set(name, created)
  return { Role: { Path: path, RoleName: name, RoleId: created.id, Arn: created.arn, CreateDate: ctx.now } }
}

const deleteRole: ActionHandler = ctx => {
  const r = role(ctx, 'iam:DeleteRole')
  if (r.policies.length > 0)
    throw conflict('DeleteConflict', 'Cannot delete entity, must delete policies first.')
  ctx.state.account.roles.delete(r.name)
  return undefined
}

const attachRolePolicy: ActionHandler = ctx => {
  const r = role(ctx, 'iam:AttachRolePolicy')
  const arn = ctx.params.get('PolicyArn') ?? ''
  const policy = ctx.state.account.managedPolicies.get(arn)
  if (!policy) throw new AwsError(404, 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`)
  if (r.policies.some(p => p.arn === arn)) return undefined
  if (r.policies.filter(p => p.arn).length >= ROLE_QUOTAS.attachedPolicies)
    throw conflict(
      'LimitExceeded',
      `Cannot exceed quota for PoliciesPerRole: ${ROLE_QUOTAS.attachedPolicies}`
    )
  r.policies.push(policy)
  return undefined
}

const detachRolePolicy: ActionHandler = ctx => {
  const r = role(ctx, 'iam:DetachRolePolicy')
  const arn = ctx.params.get('PolicyArn')
  if (!r.policies.some(p => p.arn === arn))
    throw new AwsError(404, 'NoSuchEntity', `Policy ${arn} was not found.`)
  r.policies = r.policies.filter(p => p.arn !== arn)
  return undefined
}

const putRolePolicy: ActionHandler = ctx => {
  const r = role(ctx, 'iam:PutRolePolicy')
  const name = ctx.params.get('PolicyName') ?? ''
  const document = parseDocument(ctx.params.get('PolicyDocument'), 'PolicyDocument')
  const others = r.policies.filter(p => p.arn === undefined && p.name !== name)
  const size = [...others.map(p => p.document), document].reduce(
    (n: number, d) => n + JSON.stringify(d).length,
    0
  )
  if (size > ROLE_QUOTAS.inlinePolicySize)
    throw conflict(
      'LimitExceeded',
      `Maximum policy size of ${ROLE_QUOTAS.inlinePolicySize} bytes exceeded for role ${r.name}`
    )
  r.policies = [
    ...r.policies.filter(p => !(p.arn === undefined && p.name === name)),
    { name, type: 'role', document: document as never }
  ]
  return undefined
}

const deleteRolePolicy: ActionHandler = ctx => {
  const r = role(ctx, 'iam:DeleteRolePolicy')
  const name = ctx.params.get('PolicyName')
  inlineDocument(r.policies, name, 'role')
  r.policies = r.policies.filter(p => !(p.arn === undefined && p.name === name))
  return undefined
}

function provider(ctx: ActionContext, action: string) {
  const arn = ctx.params.get('OpenIDConnectProviderArn') ?? ''
  requireAllowed(requireIdentity(ctx), action, arn)
  const found = ctx.state.account.oidcProviders.find(p => p.arn === arn)
  if (!found) throw new AwsError(404, 'NoSuchEntity', `OpenIDConnect provider not found for arn ${arn}`)
  return found
}

const createProvider: ActionHandler = ctx => {
  const url = ctx.params.get('Url') ?? ''
  const arn = arnOf(ctx, `oidc-provider/${url.replace(/^https:\/\//, '')}`)
  requireAllowed(requireIdentity(ctx), 'iam:CreateOpenIDConnectProvider', arn)
  if (ctx.state.account.oidcProviders.some(p => p.arn === arn))
    throw conflict('EntityAlreadyExists', `Provider with url ${url} already exists.`)
  const clientIds: string[] = []
  for (let i = 1; ctx.params.has(`ClientIDList.member.${i}`); i++)
    clientIds.push(ctx.params.get(`ClientIDList.member.${i}`)!)
  ctx.state.account.oidcProviders.push({ url, arn, clientIds })
  return { OpenIDConnectProviderArn: arn, Tags: readTags(ctx.params) }
}

export const IAM_ROLE_ACTIONS: Record<string, ActionHandler> = {
  CreateRole: createRole,
  DeleteRole: deleteRole,
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  PutRolePolicy: putRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  ...policyReadActions('Role', role),
  ListOpenIDConnectProviders: ctx => {
    requireAllowed(requireIdentity(ctx), 'iam:ListOpenIDConnectProviders')
    return { OpenIDConnectProviderList: ctx.state.account.oidcProviders.map(p => ({ Arn: p.arn })) }
  },
  GetOpenIDConnectProvider: ctx => {
    const p = provider(ctx, 'iam:GetOpenIDConnectProvider')
    return {
      Url: p.url.replace(/^https:\/\//, ''),
      ClientIDList: p.clientIds,
      ThumbprintList: [],
      CreateDate: ctx.now
    }
  },
  CreateOpenIDConnectProvider: createProvider,
  DeleteOpenIDConnectProvider: ctx => {
    const p = provider(ctx, 'iam:DeleteOpenIDConnectProvider')
    ctx.state.account.oidcProviders = ctx.state.account.oidcProviders.filter(o => o !== p)
    return undefined
  }
}
