import { describe, expect, it } from '@jest/globals'
import { connectionFailure, isNoAnswer } from '../../src/aws/no-answer.js'

const error = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields)

describe('no-answer.ts', () => {
  // What @smithy/node-http-handler rejects with: its own timeouts, and Node's errors it renames.
  it.each([
    ['the request timeout', { name: 'TimeoutError', code: 'ETIMEDOUT' }, true, undefined],
    ['the connect timeout', { name: 'TimeoutError' }, true, undefined],
    ['an OS connect timeout', { code: 'ETIMEDOUT' }, true, undefined],
    ['a reset the SDK names TimeoutError', { name: 'TimeoutError', code: 'ECONNRESET' }, false, 'reset'],
    ['a broken pipe the SDK names TimeoutError', { name: 'TimeoutError', code: 'EPIPE' }, false, 'reset'],
    ['a refused connection', { code: 'ECONNREFUSED' }, false, 'refused'],
    [
      'a proxy that closed the tunnel',
      { message: 'Proxy connection ended before receiving CONNECT response' },
      false,
      'reset'
    ],
    ['a DNS failure', { code: 'ENOTFOUND' }, false, undefined],
    ['an AWS error', { name: 'Throttling' }, false, undefined]
  ])('%s', (_case, fields, silent, failure) => {
    expect(isNoAnswer(error(fields))).toBe(silent)
    expect(connectionFailure(error(fields))).toBe(failure)
  })

  it('reads anything thrown', () => {
    expect(isNoAnswer(undefined)).toBe(false)
    expect(connectionFailure('boom')).toBeUndefined()
  })
})
