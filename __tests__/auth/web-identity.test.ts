import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { stsSession as session } from '../../__fixtures__/sts-session.js'
import { stsError } from '../../__fixtures__/aws-errors.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mockClient } from 'aws-sdk-client-mock'
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import * as core from '../../__fixtures__/core.js'
import { failureOf } from '../../__fixtures__/failure-of.js'
import { fakeJwt, githubClaims } from '../../test/oidc/jwt.js'
import { startQueryEndpoint } from '../../__fixtures__/query-endpoint.js'

jest.unstable_mockModule('@actions/core', () => core)
const requestIdToken =
  jest.fn<(url: string, bearer: string, audience: string, attempts: number) => Promise<string>>()
jest.unstable_mockModule('../../src/auth/oidc-request.js', () => ({ requestIdToken }))
const { settingsOver } = await import('../../__fixtures__/read-inputs.js')
const { webIdentityProvider, isTransientWebIdentityError } = await import('../../src/auth/web-identity.js')

const ROLE = 'arn:aws:iam::123456789012:role/deploy'
const requestEnv = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/t?x=1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'r'
}
const TOKEN = fakeJwt(githubClaims())
const assumed = 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions'
const sts = mockClient(STSClient)
const dir = mkdtempSync(join(tmpdir(), 'web-identity-'))

const settings = settingsOver({ 'aws-region': 'eu-west-1', 'role-to-assume': ROLE })

describe('web-identity.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
    sts.reset()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exchanges the GitHub token for a role session, masking its secret and token before returning', async () => {
    requestIdToken.mockResolvedValueOnce(TOKEN)
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({
      Credentials: session,
      AssumedRoleUser: { Arn: assumed, AssumedRoleId: 'AROA:GitHubActions' }
    })
    const obtained = await webIdentityProvider(settings({ audience: 'my-aud' }), requestEnv).obtain()
    expect(requestIdToken.mock.calls[0][2]).toBe('my-aud')
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0].args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'GitHubActions',
      WebIdentityToken: TOKEN,
      DurationSeconds: 3600
    })
    expect(obtained).toEqual({
      credentials: {
        accessKeyId: session.AccessKeyId,
        secretAccessKey: session.SecretAccessKey,
        sessionToken: session.SessionToken,
        expiration: session.Expiration
      },
      source: 'web-identity',
      assumedRoleArn: assumed
    })
    // No long-lived key is involved: the verdict reports key-status `temporary`.
    expect(obtained.longLivedKey).toBeUndefined()
    const masked = core.calls.filter(c => c.fn === 'setSecret').map(c => c.args[0])
    expect(masked).toEqual(expect.arrayContaining([session.SecretAccessKey, session.SessionToken]))
  })

  it('reads the token from web-identity-token-file instead of asking GitHub', async () => {
    const file = join(dir, 'token')
    writeFileSync(file, TOKEN)
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: session })
    await webIdentityProvider(settings({ 'web-identity-token-file': file }), {}).obtain()
    expect(requestIdToken).not.toHaveBeenCalled()
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0].args[0].input.WebIdentityToken).toBe(TOKEN)
    expect(core.setSecret).toHaveBeenCalledWith(TOKEN)
  })

  it('rejects a token file that is not a JWT before calling AWS', async () => {
    const file = join(dir, 'garbage')
    writeFileSync(file, 'not-a-jwt')
    await expect(
      webIdentityProvider(settings({ 'web-identity-token-file': file }), {}).obtain()
    ).rejects.toThrow('web-identity-token-file does not hold a JWT')
    expect(sts.calls()).toHaveLength(0)
  })

  it('fails with the permission advice, and calls nothing, when GitHub offers no token', async () => {
    await expect(webIdentityProvider(settings(), {}).obtain()).rejects.toThrow('permissions: id-token: write')
    expect(sts.calls()).toHaveLength(0)
  })

  it('explains an AccessDenied with the claims and the Condition, detail printed before the error', async () => {
    const claims = githubClaims({ ref: 'refs/heads/dev', sub: 'repo:octo-org/octo-repo:ref:refs/heads/dev' })
    requestIdToken.mockResolvedValueOnce(fakeJwt(claims))
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403))
    const error = await failureOf(webIdentityProvider(settings(), requestEnv).obtain())
    expect(error.message).toContain('"sub":"repo:octo-org/octo-repo:ref:refs/heads/dev"')
    expect(error.message).toContain(
      '"token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:ref:refs/heads/dev"'
    )
    expect(error.message).not.toContain(fakeJwt(claims))
    const printed = core.info.mock.calls.map(c => String(c[0])).join('\n')
    expect(printed).toContain('"Version": "2012-10-17"')
  })

  it('explains a missing OIDC provider', async () => {
    requestIdToken.mockResolvedValueOnce(TOKEN)
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(
        stsError(
          'InvalidIdentityToken',
          'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'
        )
      )
    await expect(webIdentityProvider(settings(), requestEnv).obtain()).rejects.toThrow(
      'create-open-id-connect-provider --url https://token.actions.githubusercontent.com'
    )
  })

  it('diagnoses other failures with the role as context', async () => {
    requestIdToken.mockResolvedValueOnce(TOKEN)
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(
        stsError(
          'ValidationError',
          'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
        )
      )
    await expect(webIdentityProvider(settings(), requestEnv).obtain()).rejects.toThrow(
      /^Could not assume arn:aws:iam::123456789012:role\/deploy: .*Lower role-duration-seconds/
    )
  })

  describe('isTransientWebIdentityError', () => {
    const now = new Date()
    const fresh = githubClaims()
    const old = githubClaims({ iat: Math.floor(now.getTime() / 1000) - 3600 })
    it.each([
      ['IDPCommunicationError', stsError('IDPCommunicationError', 'x'), fresh, true],
      ['its modelled class name', { name: 'IDPCommunicationErrorException' }, fresh, true],
      [
        'InvalidIdentityToken on a fresh token',
        stsError('InvalidIdentityToken', "Couldn't retrieve verification key from your identity provider"),
        fresh,
        true
      ],
      ['InvalidIdentityToken on an old token', stsError('InvalidIdentityToken', 'x'), old, false],
      [
        'InvalidIdentityToken on an unreadable token',
        stsError('InvalidIdentityToken', 'x'),
        undefined,
        false
      ],
      [
        'a missing provider',
        stsError('InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://x'),
        fresh,
        false
      ],
      ['a wrong audience', stsError('InvalidIdentityToken', 'Incorrect token audience'), fresh, false],
      ['AccessDenied', stsError('AccessDenied', 'Not authorized', 403), fresh, false],
      ['an expired token', stsError('ExpiredTokenException', 'Token expired'), fresh, false]
    ])('%s → %s', (_case, error, claims, transient) => {
      expect(isTransientWebIdentityError(error, claims as never, now)).toBe(transient)
    })
  })

  describe('through the SDK', () => {
    const ok = `<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>${session.AccessKeyId}</AccessKeyId><SecretAccessKey>${session.SecretAccessKey}</SecretAccessKey><SessionToken>${session.SessionToken}</SessionToken><Expiration>2026-03-01T13:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>${assumed}</Arn><AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`
    beforeEach(() => sts.restore())
    afterAll(() => {
      delete process.env.AWS_ENDPOINT_URL_STS
    })

    it('sends the call unsigned and retries a transient IDP error until it succeeds', async () => {
      const endpoint = await startQueryEndpoint([
        { status: 400, code: 'IDPCommunicationError' },
        { status: 400, code: 'InvalidIdentityToken', message: "Couldn't retrieve verification key" },
        { status: 200, xml: ok }
      ])
      process.env.AWS_ENDPOINT_URL_STS = endpoint.url
      requestIdToken.mockResolvedValueOnce(TOKEN)
      const obtained = await webIdentityProvider(settings({ 'retry-max-attempts': '3' }), requestEnv).obtain()
      await endpoint.close()
      expect(obtained.assumedRoleArn).toBe(assumed)
      expect(obtained.credentials.expiration?.toISOString()).toBe('2026-03-01T13:00:00.000Z')
      expect(endpoint.requests).toHaveLength(3)
      expect(endpoint.requests.map(r => r.headers.authorization)).toEqual([undefined, undefined, undefined])
      expect(endpoint.requests[0].params.get('Action')).toBe('AssumeRoleWithWebIdentity')
    })

    it('stops at retry-max-attempts and says how many attempts were made', async () => {
      const endpoint = await startQueryEndpoint([
        { status: 400, code: 'IDPCommunicationError', message: 'idp down' }
      ])
      process.env.AWS_ENDPOINT_URL_STS = endpoint.url
      requestIdToken.mockResolvedValueOnce(TOKEN)
      const error = await failureOf(
        webIdentityProvider(settings({ 'retry-max-attempts': '2' }), requestEnv).obtain()
      )
      await endpoint.close()
      expect(endpoint.requests).toHaveLength(2)
      expect(error.message).toContain('could not reach https://token.actions.githubusercontent.com')
      expect(error.message).toContain('after 2 attempts (IDPCommunicationError: idp down)')
    })

    it('does not retry AccessDenied', async () => {
      const endpoint = await startQueryEndpoint([
        { status: 403, code: 'AccessDenied', message: 'Not authorized' }
      ])
      process.env.AWS_ENDPOINT_URL_STS = endpoint.url
      requestIdToken.mockResolvedValueOnce(TOKEN)
      await expect(webIdentityProvider(settings(), requestEnv).obtain()).rejects.toThrow('Token claims')
      await endpoint.close()
      expect(endpoint.requests).toHaveLength(1)
    })
  })
})
