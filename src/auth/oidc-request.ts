import * as http from 'node:http'
import * as https from 'node:https'
import { proxyAgent, proxyFor, REQUEST_TIMEOUT_MS } from '../aws/http-agent.js'
import { proxyProblem } from '../aws/proxy-problem.js'
import type { RetryErrorInfo } from '@smithy/types'
import { connectionFailure, isNoAnswer } from '../aws/no-answer.js'

/** A failed token request, with what the message needs: the HTTP status or network code. */
class TokenRequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string
  ) {
    super(message)
    this.name = 'TokenRequestError'
  }
}

function requestOnce(url: URL, bearer: string): Promise<string> {
  const send = url.protocol === 'http:' ? http.request : https.request
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
        agent: proxyAgent()
      },
      response => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          const status = response.statusCode ?? 0
          // The body is never put in a message: on success it is the token itself.
          if (status !== 200) return reject(new TokenRequestError(`HTTP ${status}`, status))
          try {
            const value = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { value?: unknown }).value
            if (typeof value === 'string' && value !== '') return resolve(value)
          } catch {
            // fall through: the same message for any unreadable answer
          }
          reject(new TokenRequestError('the answer holds no token', status))
        })
      }
    )
    // Covers the connection too: a socket that stays silent this long is given up.
    request.setTimeout(REQUEST_TIMEOUT_MS, () =>
      request.destroy(Object.assign(new Error('no answer'), { name: 'TimeoutError' }))
    )
    request.on('error', reject)
    request.end()
  })
}

function isTransient(error: unknown): boolean {
  if (error instanceof TokenRequestError) return (error.status ?? 0) >= 500 || error.status === 429
  return true // network errors: reset, refused, no answer
}

/** The request's failure in one phrase, with the endpoint named (never the request token). */
function describe(error: unknown, origin: string, proxy: string, attempts: number): string {
  const status = error instanceof TokenRequestError ? error.status : undefined
  const code = (error as { code?: string }).code
  const viaProxy = proxy ? proxyProblem(proxy, code, status, `the token request to ${origin}`) : undefined
  if (viaProxy) return viaProxy
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`
  if (isNoAnswer(error)) {
    return `the token endpoint ${origin} did not answer: ${tries}, each given up after ${REQUEST_TIMEOUT_MS / 1000} s without a response`
  }
  if (status !== undefined)
    return `the token endpoint ${origin} answered ${(error as Error).message} after ${tries}`
  const failed = connectionFailure(error)
  if (failed !== undefined)
    return `the token endpoint ${origin} ${failed} the connection after ${tries} (${code})`
  return `could not reach the token endpoint ${origin} after ${tries} (${code ?? (error as Error).message})`
}

/**
 * Requests a GitHub Actions OIDC token, through the proxy when one applies, never waiting on a silent
 * endpoint for longer than the request timeout. Transient failures are retried by the SDK's standard
 * strategy (an endpoint that does not answer: at most twice). Throws an Error whose message names the
 * endpoint and the cause; the caller masks the token.
 */
export async function requestIdToken(
  requestUrl: string,
  bearer: string,
  audience: string,
  maxAttempts: number
): Promise<string> {
  const url = new URL(requestUrl)
  url.searchParams.set('audience', audience)
  const proxy = proxyFor(url.href)
  try {
    return await requestOnce(url, bearer)
  } catch (first) {
    // Only a failed first attempt loads the SDK's retry strategy and the timer it waits with: the entry
    // chunk, which sends this request before the SDK is parsed, stays free of both.
    const [{ ActionRetryStrategy }, { setTimeout: sleep }] = await Promise.all([
      import('../aws/retry-strategy.js'),
      import('node:timers/promises')
    ])
    const strategy = new ActionRetryStrategy({ maxAttempts: Math.min(maxAttempts, 3) })
    let token = await strategy.acquireInitialRetryToken('github-oidc')
    let error: unknown = first
    for (let attempt = 1; ; attempt++) {
      try {
        token = await strategy.refreshRetryTokenForRetry(token, {
          errorType: isTransient(error) ? 'TRANSIENT' : 'CLIENT_ERROR',
          error: error as RetryErrorInfo['error']
        })
      } catch {
        throw new Error(describe(error, url.origin, proxy, attempt), { cause: error })
      }
      await sleep(token.getRetryDelay())
      try {
        const value = await requestOnce(url, bearer)
        strategy.recordSuccess(token)
        return value
      } catch (next) {
        error = next
      }
    }
  }
}
