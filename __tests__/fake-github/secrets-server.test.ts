import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import sodium from 'libsodium-wrappers'
import { startFakeGithubSecrets, type FakeGithubSecrets } from '../../test/fake-github/secrets-server.js'

let github: FakeGithubSecrets
beforeAll(async () => {
  github = await startFakeGithubSecrets({
    tokens: { w: 'write', r: 'read', n: 'none' },
    repositories: ['o/r'],
    environments: ['o/r:prod']
  })
})
afterAll(() => github.close())

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(`${github.url}${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })

async function seal(path: string, value: string, token = 'w') {
  await sodium.ready
  const { key_id, key } = (await (await call('GET', `${path}/public-key`, token)).json()) as {
    key_id: string
    key: string
  }
  const sealed = sodium.crypto_box_seal(
    sodium.from_string(value),
    sodium.from_base64(key, sodium.base64_variants.ORIGINAL)
  )
  return { encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL), key_id }
}

describe('fake GitHub Actions secrets API', () => {
  it.each([
    ['/repos/o/r/actions/secrets', 'repo:o/r', {}],
    ['/repos/o/r/environments/prod/secrets', 'env:o/r:prod', {}],
    ['/orgs/o/actions/secrets', 'org:o', { visibility: 'private' }]
  ])(
    '%s: PUT opens the sealed box and stores the plaintext; GET returns metadata',
    async (path, scope, extra) => {
      const response = await call('PUT', `${path}/MY_SECRET`, 'w', {
        ...(await seal(path, 's3cret')),
        ...extra
      })
      expect(response.status).toBe(201)
      expect(github.secret(scope, 'MY_SECRET')?.value).toBe('s3cret')
      const meta = (await (await call('GET', `${path}/MY_SECRET`, 'r')).json()) as {
        name: string
        updated_at: string
      }
      expect(meta).toMatchObject({
        name: 'MY_SECRET',
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      })
    }
  )

  it('rejects a value not sealed with the current key, an org secret without visibility, and weak tokens', async () => {
    const path = '/repos/o/r/actions/secrets'
    expect(
      (await call('PUT', `${path}/X`, 'w', { ...(await seal(path, 'v')), key_id: 'stale' })).status
    ).toBe(422)
    expect(
      (
        await call('PUT', `${path}/X`, 'w', {
          encrypted_value: 'bm90IHNlYWxlZA==',
          key_id: github.publicKeyId('repo:o/r')
        })
      ).status
    ).toBe(422)
    expect(
      (await call('PUT', '/orgs/o/actions/secrets/X', 'w', await seal('/orgs/o/actions/secrets', 'v'))).status
    ).toBe(422)
    expect((await call('PUT', `${path}/X`, 'r', await seal(path, 'v'))).status).toBe(403)
    expect((await call('GET', `${path}/public-key`, 'n')).status).toBe(403)
    expect((await call('GET', `${path}/public-key`, 'nobody')).status).toBe(401)
    expect(github.secret('repo:o/r', 'X')).toBeUndefined()
  })

  it('injects faults, letting the first matches through when asked', async () => {
    const path = '/repos/o/r/actions/secrets'
    github.fail({ method: 'PUT', path: /\/Y$/, status: 500, skip: 1 })
    expect((await call('PUT', `${path}/Y`, 'w', await seal(path, 'one'))).status).toBe(201)
    expect((await call('PUT', `${path}/Y`, 'w', await seal(path, 'two'))).status).toBe(500)
    expect((await call('PUT', `${path}/Y`, 'w', await seal(path, 'three'))).status).toBe(204)
    expect(github.secret('repo:o/r', 'Y')?.value).toBe('three')
  })
})
