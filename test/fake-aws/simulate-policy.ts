// IAM SimulatePrincipalPolicy and GetRole. The simulation evaluates the principal's own policies with
// the same evaluation that authorizes every call to this endpoint (policy-evaluation.ts), one result per
// action and resource, paged with Marker/MaxItems like the rest of IAM.
import type { Role, User } from './account-state.js'
import { AwsError, validationError } from './aws-error.js'
import { requireIdentity, type ActionContext, type ActionHandler } from './action-context.js'
import { page } from './iam-actions.js'
import { policiesOf, requireAllowed } from './permissions.js'
import { evaluatePolicies, type NamedPolicy } from './policy-evaluation.js'

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)(\/.*\/|\/)([^/]+)$/

/** Form lists arrive as `Name.member.1`, `Name.member.2`, … */
function memberList(ctx: ActionContext, name: string): string[] {
  const items: string[] = []
  for (let i = 1; ctx.params.has(`${name}.member.${i}`); i++)
    items.push(ctx.params.get(`${name}.member.${i}`)!)
  return items
}

function findPrincipal(ctx: ActionContext, arn: string): { policies: NamedPolicy[] } {
  const match = PRINCIPAL_ARN.exec(arn)
  if (!match || match[1] !== ctx.state.account.accountId) {
    throw new AwsError(
      400,
      'InvalidInput',
      `Invalid ARN ${arn}: expected the ARN of a user, group or role in this account`
    )
  }
  const [, , kind, , name] = match
  const entity: User | Role | undefined =
    kind === 'user' ? ctx.state.account.usersByName.get(name!) : ctx.state.account.roles.get(name!)
  if (!entity || entity.arn !== arn) {
    throw new AwsError(404, 'NoSuchEntity', `The ${kind} with name ${name} cannot be found.`)
  }
  return { policies: policiesOf(entity, kind as 'user' | 'role') }
}

function validActionName(action: string): void {
  if (action.length < 3 || action.length > 128) {
    throw validationError(
      `1 validation error detected: Value '[${action}]' at 'actionNames' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 3]`
    )
  }
  if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action)) {
    throw new AwsError(400, 'InvalidInput', `Actions or resources are not valid: ${action}`)
  }
}

const simulatePrincipalPolicy: ActionHandler = ctx => {
  const identity = requireIdentity(ctx)
  const source = ctx.params.get('PolicySourceArn') ?? ''
  requireAllowed(identity, 'iam:SimulatePrincipalPolicy', source || undefined)
  const actions = memberList(ctx, 'ActionNames')
  if (actions.length === 0)
    throw validationError(
      "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null"
    )
  actions.forEach(validActionName)
  const resources = memberList(ctx, 'ResourceArns')
  const principal = findPrincipal(ctx, source)
  const results = actions.flatMap(action =>
    (resources.length > 0 ? resources : ['*']).map(resource => {
      const { decision, matched } = evaluatePolicies(principal.policies, action, resource)
      return {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: decision,
        MatchedStatements: matched.map(m => ({
          SourcePolicyId: m.policy.name,
          SourcePolicyType: m.policy.type
        })),
        MissingContextValues: []
      }
    })
  )
  const { slice, IsTruncated, Marker } = page(results, ctx)
  return { EvaluationResults: slice, IsTruncated, Marker }
}

const getRole: ActionHandler = ctx => {
  const identity = requireIdentity(ctx)
  const name = ctx.params.get('RoleName') ?? ''
  const role = ctx.state.account.roles.get(name)
  requireAllowed(
    identity,
    'iam:GetRole',
    role?.arn ?? `arn:${ctx.state.account.partition}:iam::${ctx.state.account.accountId}:role/${name}`
  )
  if (!role) throw new AwsError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`)
  return {
    Role: {
      Path: role.path,
      RoleName: role.name,
      RoleId: role.id,
      Arn: role.arn,
      CreateDate: ctx.state.account.createDate,
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(role.trustPolicy)),
      MaxSessionDuration: role.maxSessionDurationSeconds,
      Description: role.description,
      PermissionsBoundary: role.permissionsBoundary
        ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: role.permissionsBoundary }
        : undefined,
      Tags: role.tags.length > 0 ? role.tags : undefined
    }
  }
}

export const SIMULATE_POLICY_ACTIONS: Record<string, ActionHandler> = {
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  GetRole: getRole
}
