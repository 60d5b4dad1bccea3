import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { decodeJwt, verifyJwtSignature } from '../../test/oidc/jwt.js'
import { GITHUB_ISSUER, startTokenServer, type TokenServer } from '../../test/oidc/token-server.js'

let server: TokenServer
beforeAll(async () => {
  server = await startTokenServer({ claims: { environment: 'production' } })
})
afterAll(() => server.close())

const request = (audience?: string, token = server.requestToken) =>
  fetch(audience === undefined ? server.url : `${server.url}&audience=${encodeURIComponent(audience)}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' }
  })

describe('OIDC token server', () => {
  it('looks like the runner: a URL with a query string plus a bearer request token', () => {
    expect(server.env.ACTIONS_ID_TOKEN_REQUEST_URL).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/.*\?api-version=2\.0$/
    )
    expect(server.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN).toBe(server.requestToken)
  })

  it("issues an RS256 JWT with GitHub's claims for the requested audience", async () => {
    const response = await request('sts.amazonaws.com')
    expect(response.status).toBe(200)
    const { value } = (await response.json()) as { value: string }
    const jwt = decodeJwt(value)
    expect(jwt.header).toMatchObject({ alg: 'RS256', typ: 'JWT' })
    expect(verifyJwtSignature(jwt, server.jwks)).toBe(true)
    expect(jwt.claims).toMatchObject({
      iss: GITHUB_ISSUER,
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:environment:production',
      repository: 'octo-org/octo-repo',
      ref: 'refs/heads/main',
      environment: 'production',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main'
    })
    expect(Number(jwt.claims.exp) - Number(jwt.claims.iat)).toBeGreaterThan(60)
  })

  it("defaults the audience to the owner's URL, as GitHub does", async () => {
    const { value } = (await (await request()).json()) as { value: string }
    expect(decodeJwt(value).claims.aud).toBe('https://github.com/octo-org')
  })

  it('rejects a wrong bearer token and can fail on demand', async () => {
    expect((await request('sts.amazonaws.com', 'nope')).status).toBe(401)
    server.failNext(500)
    expect((await request('sts.amazonaws.com')).status).toBe(500)
    expect((await request('sts.amazonaws.com')).status).toBe(200)
    expect(server.requests.slice(-3).map(r => [r.authorized, r.status])).toEqual([
      [false, 401],
      [true, 500],
      [true, 200]
    ])
  })

  it('does not verify a token whose payload was altered', () => {
    const [h, , s] = server.mint().split('.')
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'repo:evil/repo:ref:refs/heads/main' })).toString('base64url')}.${s}`
    expect(verifyJwtSignature(decodeJwt(forged), server.jwks)).toBe(false)
  })
})
