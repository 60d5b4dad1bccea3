import { describe, expect, it } from '@jest/globals'
import { audiencesOf, decodeTokenClaims, isFresh, shownClaims } from '../../src/auth/token-claims.js'
import { fakeJwt, githubClaims } from '../../test/oidc/jwt.js'

const NOW = new Date('2026-03-01T12:00:00Z')
const nowSeconds = NOW.getTime() / 1000

describe('token-claims.ts', () => {
  it('reads the payload of a JWT', () => {
    const claims = githubClaims({ environment: 'production' })
    expect(decodeTokenClaims(fakeJwt(claims))).toEqual(claims)
  })

  it('reads base64url payloads with characters that plain base64 spells differently', () => {
    // "?>" and "~~~" encode to "_" and "-" in base64url; a plain-base64 decoder would garble them.
    const claims = { sub: 'repo:o/r:ref:refs/heads/a?>b', workflow: '~~~' }
    const token = fakeJwt(claims)
    expect(token.split('.')[1]).toMatch(/[-_]/)
    expect(decodeTokenClaims(token)).toEqual(claims)
  })

  it.each([
    ['not three parts', 'abc.def'],
    ['a payload that is not JSON', 'eyJh.bm90IGpzb24.c2ln'],
    ['a payload that is a JSON array', `eyJh.${Buffer.from('[1]').toString('base64url')}.c2ln`],
    ['characters outside base64url', 'a+b.c/d.e'],
    ['an empty string', '']
  ])('returns undefined for %s', (_case, token) => {
    expect(decodeTokenClaims(token)).toBeUndefined()
  })

  it('shows only the non-secret claims a trust policy matches on, in a fixed order', () => {
    const shown = shownClaims(githubClaims({ environment: 'prod', jti: 'id', run_id: '7' }) as never)
    expect(Object.keys(shown)).toEqual([
      'sub',
      'aud',
      'iss',
      'repository',
      'ref',
      'environment',
      'job_workflow_ref'
    ])
    const withIds = shownClaims(
      githubClaims({ repository_id: '1296269', repository_owner_id: '65' }) as never
    )
    expect(Object.keys(withIds).slice(-2)).toEqual(['repository_id', 'repository_owner_id'])
  })

  it.each([
    ['issued a few seconds ago', { iat: nowSeconds - 5, exp: nowSeconds + 300 }, true],
    ['issued six minutes ago', { iat: nowSeconds - 360, exp: nowSeconds + 300 }, false],
    ['expired', { iat: nowSeconds - 60, exp: nowSeconds - 1 }, false],
    ['without iat', { exp: nowSeconds + 300 }, false]
  ])('calls a token %s fresh: %s', (_case, claims, fresh) => {
    expect(isFresh(claims, NOW)).toBe(fresh)
  })

  it('lists one audience or several', () => {
    expect(audiencesOf({ aud: 'sts.amazonaws.com' })).toEqual(['sts.amazonaws.com'])
    expect(audiencesOf({ aud: ['a', 'b'] })).toEqual(['a', 'b'])
    expect(audiencesOf({})).toEqual([])
  })
})
