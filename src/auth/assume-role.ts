import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { ActionError } from '../runtime/action-error.js'
import type { CredentialSettings } from '../inputs/credential-inputs.js'
import type { SessionSettings } from '../inputs/session-inputs.js'
import { createStsClient, clientOptions, type ClientSettings } from '../aws/clients.js'
import { diagnose } from '../aws/error-diagnosis.js'
import { isAccessDenied } from '../aws/error-code.js'
import { explainAssumeRoleDenial } from './assume-role-diagnosis.js'
import { assumeFailure, explainedFailure, longLivedKeyOf, sessionCredentials } from './assumed-session.js'
import { callerArnOf } from './caller-identity.js'
import { storedCredentials } from './stored-keys.js'
import type {
  AwsCredentials,
  CredentialProvider,
  CredentialSource,
  ObtainedCredentials
} from './credentials.js'
import { completeRoleArn, isBareRoleName } from './role-arn.js'
import { allSessionTags } from './session-tags.js'
import { untilPlain } from './plain-secret.js'
import { sessionPolicyParameters } from './session-policy.js'

type Env = Readonly<Record<string, string | undefined>>

/** What an assume call reads: the credential and session inputs, and how to reach STS. */
export type AssumeRoleSettings = CredentialSettings & SessionSettings & ClientSettings

/**
 * Assumes role-to-assume with source credentials (stored keys, or the environment's when chaining):
 * completes a bare role name with the caller's account, sends the GitHub context as session tags unless
 * skipped, and on AccessDenied says who was refused and which two statements would let them in.
 */
export async function assumeRoleWith(
  settings: AssumeRoleSettings,
  source: AwsCredentials,
  kind: CredentialSource,
  env: Env
): Promise<ObtainedCredentials> {
  const roleToAssume = settings.roleToAssume!
  let callerArn: string | undefined
  if (isBareRoleName(roleToAssume)) {
    try {
      callerArn = await callerArnOf(settings, source)
    } catch (error) {
      const diagnosis = diagnose(error, {
        action: 'sts:GetCallerIdentity',
        region: settings.region,
        accessKeyId: source.accessKeyId,
        maxAttempts: settings.retryMaxAttempts
      })
      throw new ActionError(
        `Could not find the account to complete the role name '${roleToAssume}' in: ${diagnosis.message}`,
        { cause: error }
      )
    }
  }
  const roleArn = callerArn ? completeRoleArn(roleToAssume, callerArn) : roleToAssume
  const tags = allSessionTags(settings, env)
  const sts = createStsClient(clientOptions(settings, source))
  const command = new AssumeRoleCommand({
    RoleArn: roleArn,
    RoleSessionName: settings.roleSessionName,
    DurationSeconds: settings.roleDurationSeconds,
    ExternalId: settings.roleExternalId,
    Tags: tags.length > 0 ? tags : undefined,
    ...(settings.transitiveTagKeys.length > 0 ? { TransitiveTagKeys: [...settings.transitiveTagKeys] } : {}),
    ...sessionPolicyParameters(settings)
  })
  try {
    return await untilPlain(settings.specialCharactersWorkaround, async () => {
      const response = await sts.send(command)
      return {
        credentials: sessionCredentials(response.Credentials, 'sts:AssumeRole'),
        source: kind,
        longLivedKey: longLivedKeyOf(source),
        assumedRoleArn: response.AssumedRoleUser?.Arn
      }
    })
  } catch (error) {
    if (error instanceof ActionError) throw error
    if (isAccessDenied(error)) {
      // Who was refused is half the answer; one more call on the failure path is cheap.
      callerArn ??= await callerArnOf(settings, source).catch(() => undefined)
      const message = (error as Error).message ?? ''
      throw explainedFailure(
        explainAssumeRoleDenial(
          { roleArn, callerArn, externalId: settings.roleExternalId, tagged: tags.length > 0 },
          message
        ),
        error
      )
    }
    throw assumeFailure(roleArn, error, {
      action: 'sts:AssumeRole',
      region: settings.region,
      accessKeyId: source.accessKeyId,
      maxAttempts: settings.retryMaxAttempts
    })
  }
}

/** Stored keys from secrets, used to assume role-to-assume; key-age still inspects the stored key. */
export function assumeRoleProvider(settings: AssumeRoleSettings, env: Env = process.env): CredentialProvider {
  return {
    source: 'assume-role',
    obtain: () => assumeRoleWith(settings, storedCredentials(settings), 'assume-role', env)
  }
}
