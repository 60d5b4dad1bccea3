import * as core from '@actions/core'
import type { Credentials } from '@aws-sdk/client-sts'
import { ActionError } from '../runtime/action-error.js'
import { isTemporaryKeyId } from '../aws/access-key-id.js'
import { diagnose, type FailedCall } from '../aws/error-diagnosis.js'
import { maskCredentials } from '../runtime/masking.js'
import type { AwsCredentials } from './credentials.js'
import type { Explanation } from './oidc-diagnosis.js'

/**
 * Turns the session an assume call returned into credentials, masking the secret and the token before
 * anything else can see them.
 */
export function sessionCredentials(credentials: Credentials | undefined, action: string): AwsCredentials {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
    throw new ActionError(`${action} succeeded but returned no credentials. Re-run the job.`)
  }
  const session = {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration
  }
  maskCredentials(session)
  return session
}

/**
 * The key whose age key-age inspects: source credentials that are an IAM user's long-lived key. Session
 * credentials (ASIA…, with a token) involve no key that could grow old, so the key status is `temporary`.
 */
export function longLivedKeyOf(credentials: AwsCredentials): AwsCredentials | undefined {
  return credentials.sessionToken || isTemporaryKeyId(credentials.accessKeyId) ? undefined : credentials
}

/** Prints an explanation's detail, then returns the one-line error that fails the step. */
export function explainedFailure(explanation: Explanation, cause: unknown): ActionError {
  for (const line of explanation.details) core.info(line)
  return new ActionError(explanation.message, { cause })
}

/**
 * Any other failure of an assume call: the shared diagnosis (unknown key, unreachable endpoint,
 * throttling…) with the role as context, and the input to change when AWS refused the duration.
 */
export function assumeFailure(roleArn: string, error: unknown, call: FailedCall): ActionError {
  const diagnosis = diagnose(error, call)
  const duration = /DurationSeconds/.test(diagnosis.message)
    ? " Lower role-duration-seconds, or raise the role's maximum session duration in IAM (chained sessions are limited to 3600 seconds)."
    : ''
  return new ActionError(`Could not assume ${roleArn}: ${diagnosis.message}${duration}`, { cause: error })
}
