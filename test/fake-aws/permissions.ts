// Identity-based authorization, reduced to "is this IAM action in the identity's allowed list"
// (wildcards allowed), with denials worded the way IAM and EC2 word them.
import { AwsError } from './aws-error.js'
import type { Identity } from './identity.js'
import { sessionPolicyActions } from './session-policy.js'

export function wildcardToRegExp(pattern: string, flags = ''): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${escaped}$`, flags)
}

/** IAM action names are case-insensitive; `*`, `iam:*` and `iam:List*` style wildcards match. */
export function actionAllowed(allowedActions: readonly string[], action: string): boolean {
  return allowedActions.some(pattern => wildcardToRegExp(pattern, 'i').test(action))
}

/**
 * Throws the denial AWS returns when no identity-based policy allows `action`. `resource` is omitted in
 * the message for actions that do not support resource-level permissions (as AWS does).
 */
export function requireAllowed(identity: Identity, action: string, resource?: string): void {
  if (actionAllowed(identity.allowedActions, action)) {
    const policy = identity.kind === 'assumed-role' ? identity.session.policy : undefined
    // A session policy narrows the role: the action must be allowed by both.
    if (policy === undefined || actionAllowed(sessionPolicyActions(policy), action)) return
    deny(identity, action, resource, 'no session policy allows')
  }
  deny(identity, action, resource, 'no identity-based policy allows')
}

function deny(identity: Identity, action: string, resource: string | undefined, why: string): never {
  const onResource = resource ? ` on resource: ${resource}` : ''
  const reason = `because ${why} the ${action} action`
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
