// Never hang, the slow half: an AWS endpoint and an OIDC token endpoint that accept connections and never
// answer make the bundled action fail within 90 s, naming the endpoint, with nothing exported. Each case
// waits out the real request timeouts (about 40 s), so the two run side by side (`it.concurrent`); they
// share nothing but the black hole, and the fake AWS below serves this file alone (no reset between
// tests), so the OIDC case's "no AWS request" holds for the whole file.
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { loadSeed, seedKey, startFakeAws, type FakeAws } from '../../test/fake-aws/index.js'
import { startBlackHole, type BlackHole } from '../../test/network/black-hole.js'
import { runMain } from '../../test/runner/index.js'
import { expectCleanFailure } from '../../test/runner/expect-clean-failure.js'

const DEPLOY = 'arn:aws:iam::123456789012:role/deploy'
const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const REQUEST_TOKEN = 'black-hole-request-token'

let hole: BlackHole
let fake: FakeAws
beforeAll(async () => {
  ;[hole, fake] = await Promise.all([startBlackHole(), startFakeAws(seed)])
})
afterAll(async () => {
  await Promise.all([hole.close(), fake.close()])
})

it.concurrent(
  'fails within 90 s, naming the AWS endpoint that did not answer',
  async () => {
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': admin.id,
        'aws-secret-access-key': admin.secret
      },
      env: { AWS_ENDPOINT_URL: hole.url },
      timeoutMs: 120_000
    })
    const error = expectCleanFailure(result, [admin.secret])
    expect(result.durationMs).toBeLessThan(90_000)
    expect(error).toContain(`${hole.url} did not answer`)
  },
  150_000
)

it.concurrent(
  'fails within 90 s, naming the OIDC token endpoint that did not answer',
  async () => {
    const result = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': DEPLOY },
      env: {
        ...fake.env(),
        ACTIONS_ID_TOKEN_REQUEST_URL: `${hole.url}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN
      },
      timeoutMs: 120_000
    })
    const error = expectCleanFailure(result, [REQUEST_TOKEN])
    expect(result.durationMs).toBeLessThan(90_000)
    expect(error).toContain(`the token endpoint ${hole.url} did not answer`)
    expect(fake.requests).toEqual([])
  },
  150_000
)
