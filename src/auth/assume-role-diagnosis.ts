import type { Explanation } from './oidc-diagnosis.js'
import { trustPrincipalOf } from './role-arn.js'

/** An AssumeRole call AWS refused, for the message. */
export interface AssumeRoleAttempt {
  readonly roleArn: string
  /** Who tried: the source credentials' ARN from GetCallerIdentity; undefined if that failed too. */
  readonly callerArn?: string
  readonly externalId?: string
  /** Whether session tags were sent, which needs sts:TagSession as well. */
  readonly tagged: boolean
}

/**
 * AccessDenied from AssumeRole. AWS needs two yeses: the role's trust policy must name the caller, and
 * the caller's own policy must allow the call on the role. The message gives both statements, filled in.
 */
export function explainAssumeRoleDenial(attempt: AssumeRoleAttempt, awsMessage: string): Explanation {
  const { roleArn, callerArn, externalId, tagged } = attempt
  const denied = /sts:TagSession/.test(awsMessage) ? 'sts:TagSession' : 'sts:AssumeRole'
  const actions = tagged ? ['sts:AssumeRole', 'sts:TagSession'] : 'sts:AssumeRole'
  const principal = callerArn ? trustPrincipalOf(callerArn) : '<the caller ARN>'
  const trust = {
    Effect: 'Allow',
    Principal: { AWS: principal },
    Action: actions,
    ...(externalId ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {})
  }
  const permission = { Effect: 'Allow', Action: actions, Resource: roleArn }
  const who = callerArn ?? 'the caller (GetCallerIdentity failed, so its ARN is unknown)'
  const skipTags =
    denied === 'sts:TagSession' ? ' Or set role-skip-session-tagging: true to send no session tags.' : ''
  const message =
    `Could not assume ${roleArn} as ${who}: AWS denied ${denied} (AccessDenied). ` +
    `Both policies must allow it: the role's trust policy needs ${JSON.stringify(trust)}, and ` +
    `${principal}'s permissions need ${JSON.stringify(permission)}.${skipTags}`
  const details = [
    `AWS said: ${awsMessage}`,
    `Trust policy statement for ${roleArn}:`,
    JSON.stringify(trust, null, 2),
    `Permission statement for ${principal}:`,
    JSON.stringify(permission, null, 2),
    ...(externalId
      ? []
      : [
          'If the trust policy requires an sts:ExternalId condition, set role-external-id to the value it expects.'
        ])
  ]
  return { message, details }
}
