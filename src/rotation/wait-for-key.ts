import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { StandardRetryBackoffStrategy } from '@smithy/types'
import { createStsClient, type ClientOptions } from '../aws/clients.js'
import { errorCodeOf } from '../aws/error-code.js'
import type { AwsCredentials } from '../auth/credentials.js'

/** docs/rotation.md, step 3: wait at most this long for a new key to authenticate. */
export const PROPAGATION_BUDGET_MS = 60_000

// IAM's answers while a new key has not reached STS yet.
const NOT_YET = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'InvalidAccessKeyId'
])

/** 0.25 s, 0.5 s, 1 s, then every 1.5 s: IAM usually propagates within seconds, so wait in small steps. */
const PROPAGATION_BACKOFF: StandardRetryBackoffStrategy = {
  computeNextBackoffDelay: (attempts: number) => Math.min(1_500, 250 * 2 ** Math.max(0, attempts - 1)),
  setDelayBase: () => undefined
}

/**
 * Waits until a new key authenticates (STS GetCallerIdentity signed with it) and returns the caller ARN.
 * IAM is eventually consistent: a key is usable seconds after CreateAccessKey. The waiting is the SDK's
 * retry strategy, told that "unknown key" is transient here, bounded by attempts and a deadline.
 */
export async function waitUntilKeyWorks(
  region: string,
  key: AwsCredentials,
  budgetMs: number = PROPAGATION_BUDGET_MS
): Promise<string> {
  const options: ClientOptions & { backoff: StandardRetryBackoffStrategy } = {
    region,
    credentials: key,
    maxAttempts: 2 + Math.ceil(budgetMs / 1_500),
    isTransient: error => NOT_YET.has(errorCodeOf(error)),
    backoff: PROPAGATION_BACKOFF
  }
  const sts = createStsClient(options)
  const response = await sts.send(new GetCallerIdentityCommand({}), {
    abortSignal: AbortSignal.timeout(budgetMs)
  })
  return response.Arn ?? ''
}
