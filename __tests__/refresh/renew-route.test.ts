import { describe, expect, it } from '@jest/globals'
import { isRefusedForGood } from '../../src/refresh/renew-route.js'

/** The shape oidc-token.ts throws: an action error caused by the request's error, caused by the status. */
function tokenFailure(status: number): Error {
  const request = Object.assign(new Error(`HTTP ${status}`), { name: 'TokenRequestError', status })
  return new Error('Could not get a GitHub OIDC token', { cause: new Error('describe', { cause: request }) })
}

describe('renew-route', () => {
  it('gives up for good when GitHub refuses the job a token (the job has ended)', () => {
    expect([401, 403, 404].map(status => isRefusedForGood(tokenFailure(status)))).toEqual([true, true, true])
  })

  it('keeps trying on throttling, server errors, network errors and AWS refusals', () => {
    expect([429, 408, 500, 503].map(status => isRefusedForGood(tokenFailure(status)))).toEqual([
      false,
      false,
      false,
      false
    ])
    expect(isRefusedForGood(new Error('ECONNRESET'))).toBe(false)
    const denied = Object.assign(new Error('AccessDenied'), { status: 403, name: 'AccessDenied' })
    expect(isRefusedForGood(denied)).toBe(false)
  })
})
