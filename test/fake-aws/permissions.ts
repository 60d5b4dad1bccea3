// Identity-based authorization: the caller's inline and attached policies, evaluated as IAM does
// (policy-evaluation.ts), with denials worded the way IAM and EC2 word them. SimulatePrincipalPolicy
// (simulate-policy.ts) uses the same evaluation, so a simulated decision is the decision the fake makes.
import { AwsError } from './aws-error.js'
import type { Identity } from './identity.js'
import { allowedActionsPolicy, evaluatePolicies, type NamedPolicy } from './policy-evaluation.js'
import { sessionPolicy } from './session-policy.js'
import { wildcardToRegExp } from './wildcard.js'

export { wildcardToRegExp }

/** What a user or role carries: the seed's `allowedActions` shorthand plus its policy documents. */
export interface PolicyOwner {
  allowedActions: string[]
  policies: NamedPolicy[]
}

/** Every policy IAM evaluates for this user or role (read live, so tests may edit them between runs). */
export function policiesOf(owner: PolicyOwner, type: 'user' | 'role'): NamedPolicy[] {
  const shorthand = owner.allowedActions.length > 0 ? [allowedActionsPolicy(type, owner.allowedActions)] : []
  return [...shorthand, ...owner.policies]
}

/**
 * Throws the denial AWS returns when the identity's policies do not allow `action` on `resource`.
 * `resource` is omitted in the message for actions that do not support resource-level permissions (as
 * AWS does).
 */
export function requireAllowed(identity: Identity, action: string, resource?: string): void {
  const { decision } = evaluatePolicies(identity.policies, action, resource)
  if (decision === 'allowed') {
    const policy = identity.kind === 'assumed-role' ? identity.session.policy : undefined
    // A session policy narrows the role: the action must be allowed by both.
    if (policy === undefined) return
    if (evaluatePolicies([sessionPolicy(policy)], action, resource).decision === 'allowed') return
    deny(identity, action, resource, `because no session policy allows the ${action} action`)
  }
  deny(
    identity,
    action,
    resource,
    decision === 'explicitDeny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`
  )
}

function deny(identity: Identity, action: string, resource: string | undefined, reason: string): never {
  const onResource = resource ? ` on resource: ${resource}` : ''
  if (action.startsWith('ec2:')) {
    throw new AwsError(
      403,
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. User: ${identity.arn} is not authorized to perform: ${action}${onResource} ${reason}`
    )
  }
  throw new AwsError(
    403,
    'AccessDenied',
    `User: ${identity.arn} is not authorized to perform: ${action}${onResource} ${reason}`
  )
}
