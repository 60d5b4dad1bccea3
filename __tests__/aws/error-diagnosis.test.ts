import { describe, expect, it } from '@jest/globals'
import { awsError } from '../../__fixtures__/aws-errors.js'
import { diagnose } from '../../src/aws/error-diagnosis.js'
import { formatKeyId } from '../../src/aws/access-key-id.js'

const call = {
  action: 'sts:GetCallerIdentity',
  region: 'eu-west-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  maxAttempts: 5
}

/** The attempts and message every error here carries. */
const FROM_AWS = { attempts: 1, message: 'detail from AWS' }

describe('error-diagnosis.ts', () => {
  it.each([
    ['InvalidClientTokenId', 403, 'unknown-key', 'AWS does not recognise access key AKIA…MPLE'],
    ['AuthFailure', 401, 'unknown-key', 'deleted or deactivated'],
    [
      'SignatureDoesNotMatch',
      403,
      'signature-mismatch',
      'The secret access key does not match access key AKIA…MPLE'
    ],
    ['ExpiredToken', 403, 'expired-token', 'The session token has expired'],
    [
      'AccessDenied',
      403,
      'access-denied',
      'Access denied to sts:GetCallerIdentity (AccessDenied): detail from AWS'
    ],
    ['UnauthorizedOperation', 403, 'access-denied', 'Access denied'],
    ['Throttling', 400, 'throttled', 'still failed after 1 attempt (Throttling)'],
    ['RequestLimitExceeded', 503, 'throttled', 'Raise retry-max-attempts'],
    ['ServiceUnavailable', 503, 'server', 'with ServiceUnavailable (HTTP 503)'],
    ['ValidationError', 400, 'other', 'sts:GetCallerIdentity failed: ValidationError: detail from AWS']
  ])('classifies %s', (name, status, kind, message) => {
    const diagnosis = diagnose(awsError(name, status, FROM_AWS), call)
    expect(diagnosis.kind).toBe(kind)
    expect(diagnosis.code).toBe(name)
    expect(diagnosis.message).toContain(message)
  })

  it('never shows the whole access key id', () => {
    for (const name of ['InvalidClientTokenId', 'SignatureDoesNotMatch']) {
      expect(diagnose(awsError(name, 403, FROM_AWS), call).message).not.toContain('AKIAIOSFODNN7EXAMPLE')
    }
  })

  it('names the endpoint, the attempts made and the network code when unreachable', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      $metadata: { attempts: 3 },
      $endpoint: 'https://sts.eu-west-1.amazonaws.com'
    })
    const diagnosis = diagnose(error, call)
    expect(diagnosis).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' })
    expect(diagnosis.message).toContain(
      'The connection to https://sts.eu-west-1.amazonaws.com was refused during sts:GetCallerIdentity, after 3 attempts (ECONNREFUSED)'
    )
  })

  it('falls back to the configured attempts and the service endpoint when the error says neither', () => {
    const diagnosis = diagnose(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), call)
    expect(diagnosis.message).toContain('The connection to the STS endpoint for eu-west-1 was reset')
    expect(diagnosis.message).toContain('after 5 attempts (ECONNRESET)')
  })

  it('says a reset connection was reset, never that it did not answer, though the SDK names it TimeoutError', () => {
    for (const code of ['ECONNRESET', 'EPIPE']) {
      const error = Object.assign(new Error('socket hang up'), {
        name: 'TimeoutError',
        code,
        $metadata: { attempts: 4 },
        $endpoint: 'https://sts.eu-west-1.amazonaws.com'
      })
      const diagnosis = diagnose(error, call)
      expect(diagnosis).toMatchObject({ kind: 'unreachable', code })
      expect(diagnosis.message).toContain(
        `The connection to https://sts.eu-west-1.amazonaws.com was reset during sts:GetCallerIdentity, after 4 attempts (${code})`
      )
      expect(diagnosis.message).not.toContain('did not answer')
    }
  })

  it('says a FIPS endpoint may not exist when the job asks for FIPS and the host is unknown', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND'), {
      code: 'ENOTFOUND',
      $endpoint: 'https://sts-fips.eu-west-1.amazonaws.com'
    })
    process.env.AWS_USE_FIPS_ENDPOINT = 'true'
    try {
      expect(diagnose(error, call).message).toContain(
        'Could not reach https://sts-fips.eu-west-1.amazonaws.com for sts:GetCallerIdentity after 5 attempts (ENOTFOUND). Check the runner'
      )
      expect(diagnose(error, call).message).toContain(
        'The job sets AWS_USE_FIPS_ENDPOINT: not every service has such an endpoint in every region'
      )
    } finally {
      delete process.env.AWS_USE_FIPS_ENDPOINT
    }
    expect(diagnose(error, call).message).not.toContain('AWS_USE_FIPS_ENDPOINT')
  })

  it('names an unreachable endpoint that neither reset nor refused the connection', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND'), {
      code: 'ENOTFOUND',
      $metadata: { attempts: 3 },
      $endpoint: 'https://sts.eu-west-1.amazonaws.com'
    })
    expect(diagnose(error, call).message).toContain(
      'Could not reach https://sts.eu-west-1.amazonaws.com for sts:GetCallerIdentity after 3 attempts (ENOTFOUND)'
    )
  })

  it('says an endpoint that accepted the connection did not answer, and how long it was given', () => {
    const error = Object.assign(new Error('socket timed out'), {
      name: 'TimeoutError',
      $metadata: { attempts: 2 },
      $endpoint: 'https://sts.eu-west-1.amazonaws.com'
    })
    expect(diagnose(error, call)).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining(
        'https://sts.eu-west-1.amazonaws.com did not answer sts:GetCallerIdentity: 2 attempts, each given up after 20 s without a response'
      )
    })
  })

  it('names a refusing proxy without its password', () => {
    process.env.HTTPS_PROXY = 'http://user:hunter2@127.0.0.1:9'
    try {
      const error = Object.assign(new Error('connect ECONNREFUSED'), {
        code: 'ECONNREFUSED',
        $endpoint: 'https://sts.eu-west-1.amazonaws.com'
      })
      const { message } = diagnose(error, call)
      expect(message).toContain('Could not connect to the proxy http://user:***@127.0.0.1:9/')
      expect(message).not.toContain('hunter2')
    } finally {
      delete process.env.HTTPS_PROXY
    }
  })

  it('describes a thrown non-Error', () => {
    expect(diagnose('boom', call)).toMatchObject({
      kind: 'other',
      message: 'sts:GetCallerIdentity failed: Error: boom'
    })
  })
})

describe('access-key-id.ts', () => {
  it('shows the prefix and the last four characters only', () => {
    expect(formatKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE')
    expect(formatKeyId('short')).toBe('…')
  })
})
