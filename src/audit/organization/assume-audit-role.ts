import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import type { Settings } from '../../inputs/settings.js'
import type { ClientSettings } from '../../aws/clients.js'
import type { AwsCredentials } from '../../auth/credentials.js'
import { sessionCredentials } from '../../auth/assumed-session.js'
import { trustPrincipalOf } from '../../auth/role-arn.js'
import { clientOptions, createStsClient } from '../../aws/clients.js'
import { diagnose } from '../../aws/error-diagnosis.js'
import { partitionOfArn } from '../../aws/partition.js'

/** Why a member account's audit role could not be assumed, and what to change. */
export class AuditRoleError extends Error {
  constructor(
    readonly reason: string,
    readonly fix: string
  ) {
    super(reason)
    this.name = 'AuditRoleError'
  }
}

/** The session name member accounts see in CloudTrail for the audit's calls. */
const SESSION_NAME = 'aws-auth-check-audit'
/** An hour: the longest a chained session may last, and ample for one account's credential report. */
const SESSION_SECONDS = 3600

/** The audit role's ARN in a member account, in the caller's partition. */
export function auditRoleArn(callerArn: string, accountId: string, roleName: string): string {
  const partition = partitionOfArn(callerArn) ?? 'aws'
  return `arn:${partition}:iam::${accountId}:role/${roleName}`
}

/** The trust policy statement the audit role needs for this caller. */
export function auditRoleTrust(callerArn: string) {
  return { Effect: 'Allow', Principal: { AWS: trustPrincipalOf(callerArn) }, Action: 'sts:AssumeRole' }
}

/**
 * Assumes audit-role-name in a member account with the caller's credentials; masks the session before
 * returning it. Throttling and transient errors are retried by the client's retry strategy; what is
 * left is an {@link AuditRoleError} with the reason and the trust policy the role needs.
 */
export async function assumeAuditRole(
  settings: ClientSettings & Pick<Settings, 'auditRoleName'>,
  caller: AwsCredentials,
  callerArn: string,
  accountId: string
): Promise<AwsCredentials> {
  const roleArn = auditRoleArn(callerArn, accountId, settings.auditRoleName)
  const sts = createStsClient(clientOptions(settings, caller))
  try {
    const response = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: SESSION_NAME,
        DurationSeconds: SESSION_SECONDS
      })
    )
    // Masks the session before it is returned.
    return sessionCredentials(response.Credentials, 'sts:AssumeRole')
  } catch (error) {
    const diagnosis = diagnose(error, {
      action: 'sts:AssumeRole',
      region: settings.region,
      maxAttempts: settings.retryMaxAttempts
    })
    const principal = trustPrincipalOf(callerArn)
    const fix =
      diagnosis.kind === 'access-denied'
        ? `Create the role ${settings.auditRoleName} in this account (docs/org-audit-role.yml deploys it to every account as a StackSet) with the trust policy statement ${JSON.stringify(auditRoleTrust(callerArn))}, and allow ${principal} ${JSON.stringify({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: auditRoleArn(callerArn, '*', settings.auditRoleName) })}.`
        : 'Re-run the shard; if it persists, check the account in the AWS console.'
    throw new AuditRoleError(`could not assume ${roleArn} as ${callerArn}: ${diagnosis.message}`, fix)
  }
}
