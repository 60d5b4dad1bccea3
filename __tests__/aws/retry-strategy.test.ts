import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { RetryErrorInfo, RetryErrorType } from '@smithy/types'
import { ActionRetryStrategy, retryErrorType } from '../../src/aws/retry-strategy.js'
import { createStsClient } from '../../src/aws/clients.js'
import { startQueryEndpoint, type CannedReply } from '../../__fixtures__/query-endpoint.js'

function info(errorType: RetryErrorType, fields: Record<string, unknown>): RetryErrorInfo {
  return { errorType, error: Object.assign(new Error('x'), fields) as never }
}

const noDelay = { computeNextBackoffDelay: () => 0, setDelayBase: () => undefined }
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }
const identityXml = `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`

describe('retry-strategy.ts', () => {
  describe('retryErrorType', () => {
    it.each([
      ['throttling stays throttling', info('THROTTLING', { name: 'Throttling' }), 'THROTTLING'],
      ['network errors stay transient', info('TRANSIENT', { code: 'ECONNRESET' }), 'TRANSIENT'],
      [
        'any 5xx becomes transient',
        info('SERVER_ERROR', { $metadata: { httpStatusCode: 501 } }),
        'TRANSIENT'
      ],
      ['a plain client error stays', info('CLIENT_ERROR', { name: 'ValidationError' }), 'CLIENT_ERROR'],
      [
        'a proxy that closed the tunnel is a transient reset',
        info('CLIENT_ERROR', { message: 'Proxy connection ended before receiving CONNECT response' }),
        'TRANSIENT'
      ],
      ['AccessDenied is never retried', info('CLIENT_ERROR', { Code: 'AccessDenied' }), 'CLIENT_ERROR'],
      // The SDK treats AccessDeniedException as clock skew once it corrected the clock; we still do not.
      [
        'AccessDeniedException is not retried even when the SDK calls it transient',
        info('TRANSIENT', { name: 'AccessDeniedException', $metadata: { clockSkewCorrected: true } }),
        'CLIENT_ERROR'
      ]
    ])('%s', (_case, errorInfo, expected) => {
      expect(retryErrorType(errorInfo)).toBe(expected)
    })

    it("asks the call's own test only about errors the SDK would not retry, and never for a denial", () => {
      const asked: unknown[] = []
      const isTransient = (error: unknown) => {
        asked.push(error)
        return true
      }
      expect(retryErrorType(info('CLIENT_ERROR', { Code: 'IDPCommunicationError' }), isTransient)).toBe(
        'TRANSIENT'
      )
      expect(retryErrorType(info('CLIENT_ERROR', { Code: 'AccessDenied' }), isTransient)).toBe('CLIENT_ERROR')
      expect(asked).toHaveLength(1)
    })
  })

  describe('ActionRetryStrategy', () => {
    it('refuses a retry for a denial and grants one for a transient error, with the injected delay', async () => {
      const strategy = new ActionRetryStrategy({ maxAttempts: 3, backoff: noDelay, isTransient: () => true })
      const token = await strategy.acquireInitialRetryToken('')
      await expect(
        strategy.refreshRetryTokenForRetry(token, info('CLIENT_ERROR', { Code: 'AccessDenied' }))
      ).rejects.toThrow('No retry token available')
      const next = await strategy.refreshRetryTokenForRetry(token, info('CLIENT_ERROR', { Code: 'Odd' }))
      expect(next.getRetryCount()).toBe(1)
    })

    it('stops at maxAttempts', async () => {
      const strategy = new ActionRetryStrategy({ maxAttempts: 2, backoff: noDelay })
      const first = await strategy.acquireInitialRetryToken('')
      const second = await strategy.refreshRetryTokenForRetry(first, info('THROTTLING', {}))
      await expect(strategy.refreshRetryTokenForRetry(second, info('THROTTLING', {}))).rejects.toThrow()
    })
  })

  describe('through a real client', () => {
    let endpoint: Awaited<ReturnType<typeof startQueryEndpoint>>
    const start = async (replies: CannedReply[]) => {
      endpoint = await startQueryEndpoint(replies)
      process.env.AWS_ENDPOINT_URL_STS = endpoint.url
    }
    beforeAll(() => {
      delete process.env.AWS_ENDPOINT_URL
    })
    afterAll(() => {
      delete process.env.AWS_ENDPOINT_URL_STS
    })

    it('retries a 503 and succeeds within retry-max-attempts', async () => {
      await start([
        { status: 503, code: 'ServiceUnavailable' },
        { status: 200, xml: identityXml }
      ])
      const sts = createStsClient({ region: 'eu-west-1', credentials, maxAttempts: 3 })
      const response = await sts.send(new GetCallerIdentityCommand({}))
      expect(response.Account).toBe('123456789012')
      expect(endpoint.requests).toHaveLength(2)
      await endpoint.close()
    })

    it('sends an AccessDenied once, however many attempts are allowed', async () => {
      await start([{ status: 403, code: 'AccessDenied', message: 'not authorized' }])
      const sts = createStsClient({
        region: 'eu-west-1',
        credentials,
        maxAttempts: 5,
        isTransient: () => true
      })
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ Code: 'AccessDenied' })
      expect(endpoint.requests).toHaveLength(1)
      await endpoint.close()
    })

    it('retries a reset connection under retry-max-attempts, not the two attempts of silence', async () => {
      await start([{ reset: true }, { reset: true }, { status: 200, xml: identityXml }])
      // Fresh credentials: a client made for the same options earlier would send to that test's endpoint.
      const sts = createStsClient({ region: 'eu-west-1', credentials: { ...credentials }, maxAttempts: 3 })
      const response = await sts.send(new GetCallerIdentityCommand({}))
      expect(response.Account).toBe('123456789012')
      expect(endpoint.requests).toHaveLength(3)
      await endpoint.close()
    })

    it('gives up on resets after retry-max-attempts', async () => {
      await start([{ reset: true }])
      const sts = createStsClient({ region: 'eu-west-1', credentials: { ...credentials }, maxAttempts: 4 })
      // Under jest's VM realm the SDK re-wraps Node's error (instanceof Error fails), so the code is
      // checked end to end (__tests__/e2e/drop-in.test.ts), not here.
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        $metadata: { attempts: 4 }
      })
      expect(endpoint.requests).toHaveLength(4)
      await endpoint.close()
    })

    it("retries the call's own transient errors, up to retry-max-attempts in all", async () => {
      await start([{ status: 400, code: 'IDPCommunicationError' }])
      const sts = createStsClient({
        region: 'eu-west-1',
        credentials,
        maxAttempts: 3,
        isTransient: error => (error as { Code?: string }).Code === 'IDPCommunicationError'
      })
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        $metadata: { attempts: 3 }
      })
      expect(endpoint.requests).toHaveLength(3)
      await endpoint.close()
    })
  })
})
