import * as core from '@actions/core'
import type { Settings } from '../inputs/settings.js'

type SessionInputs = Pick<Settings, 'inlineSessionPolicy' | 'managedSessionPolicies'>

/**
 * The session policy parameters of an assume call (AssumeRole and AssumeRoleWithWebIdentity alike): the
 * session can do only what both the role's policies and these allow. Absent when not given.
 */
export function sessionPolicyParameters(settings: SessionInputs): {
  Policy?: string
  PolicyArns?: { arn: string }[]
} {
  return {
    ...(settings.inlineSessionPolicy !== undefined ? { Policy: settings.inlineSessionPolicy } : {}),
    ...(settings.managedSessionPolicies.length > 0
      ? { PolicyArns: settings.managedSessionPolicies.map(arn => ({ arn })) }
      : {})
  }
}

/**
 * AssumeRoleWithWebIdentity takes session tags from the token (AWS defines it so), so custom-tags and
 * transitive-tag-keys cannot be sent with it. configure-aws-credentials drops them silently; this says so.
 */
export function warnTagsIgnored(settings: Pick<Settings, 'customTags' | 'transitiveTagKeys'>): void {
  const ignored = [
    settings.customTags.length > 0 ? 'custom-tags' : undefined,
    settings.transitiveTagKeys.length > 0 ? 'transitive-tag-keys' : undefined
  ].filter(name => name !== undefined)
  if (ignored.length > 0) {
    core.warning(
      `${ignored.join(' and ')} not sent: a web identity session (OIDC) takes its session tags from the token, not from the assume call. Remove ${ignored.length > 1 ? 'them' : 'it'}, or put the tags in the token's claims.`
    )
  }
}
