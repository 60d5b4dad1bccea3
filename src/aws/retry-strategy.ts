import { StandardRetryStrategy } from '@smithy/core/retry'
import type {
  RetryErrorInfo,
  RetryErrorType,
  StandardRetryBackoffStrategy,
  StandardRetryToken
} from '@smithy/types'
import { isAccessDenied } from './error-code.js'
import { isProxyRefusal } from './proxy-problem.js'
import { connectionFailure, isNoAnswer } from './no-answer.js'

export { isNoAnswer } from './no-answer.js'

/**
 * Says whether an error the SDK would not retry is transient for this particular call (e.g. an
 * IDPCommunicationError from AssumeRoleWithWebIdentity). Only consulted for errors that are not denials.
 */
export type TransientErrorTest = (error: unknown) => boolean

export interface RetryStrategyOptions {
  /** Attempts per call, first try included (input retry-max-attempts). */
  readonly maxAttempts: number
  readonly isTransient?: TransientErrorTest
  /** Computes the jittered delay before each retry; tests pass one that returns 0. */
  readonly backoff?: StandardRetryBackoffStrategy
}

/**
 * The class the SDK's retry middleware decides with: the SDK's own classification (throttling, 500/502/
 * 503/504, timeouts and Node network errors are retryable), widened to every 5xx and to the call's own
 * transient errors, and narrowed so that an AccessDenied is never retried: IAM will not change its mind
 * within a second, and retrying only delays the one message the user needs.
 */
export function retryErrorType(info: RetryErrorInfo, isTransient?: TransientErrorTest): RetryErrorType {
  if (isAccessDenied(info.error)) return 'CLIENT_ERROR'
  if (info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT') return info.errorType
  if (info.errorType === 'SERVER_ERROR') return 'TRANSIENT'
  // A reset the SDK does not know as one (a proxy that closed the tunnel) is transient all the same.
  if (connectionFailure(info.error) !== undefined) return 'TRANSIENT'
  return isTransient?.(info.error) ? 'TRANSIENT' : info.errorType
}

/** Attempts for a call whose endpoint did not answer within the request timeout. */
export const MAX_NO_ANSWER_ATTEMPTS = 2

/**
 * The SDK's standard strategy (token bucket, exponential backoff with full jitter, Retry-After hints),
 * with the classification above. Bounded by maxAttempts like the SDK's own.
 */
export class ActionRetryStrategy extends StandardRetryStrategy {
  private readonly isTransient?: TransientErrorTest

  constructor(options: RetryStrategyOptions) {
    super({ maxAttempts: options.maxAttempts, backoff: options.backoff })
    this.isTransient = options.isTransient
  }

  override refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo
  ): Promise<StandardRetryToken> {
    // An endpoint that did not answer at all gets one more try, not retry-max-attempts: each try waits
    // the full request timeout, and the step must fail within 90 s (src/aws/http-agent.ts).
    const secondSilence = isNoAnswer(errorInfo.error) && token.getRetryCount() >= MAX_NO_ANSWER_ATTEMPTS - 1
    const final = secondSilence || isProxyRefusal(errorInfo.error)
    return super.refreshRetryTokenForRetry(token, {
      ...errorInfo,
      errorType: final ? 'CLIENT_ERROR' : retryErrorType(errorInfo, this.isTransient)
    })
  }
}
