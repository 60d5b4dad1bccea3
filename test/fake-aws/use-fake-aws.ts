// Jest lifecycle for a test file's local AWS endpoint (and, with `oidc`, a GitHub OIDC token server it
// trusts): started once per file, reset before each test, closed after the file. Kept out of index.ts
// because it needs jest's globals, and the demo and benchmarks import index.ts outside jest.
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { defaultGitHubClaims, startTokenServer, type TokenServer } from '../oidc/token-server.js'
import { startFakeAws, type FakeAws } from './server.js'
import type { Seed } from './seed.js'

export interface FakeAwsFixture {
  /** The endpoint; usable inside tests and hooks (it starts in beforeAll). */
  readonly fake: FakeAws
  /** The token server (only with `oidc: true`). */
  readonly tokens: TokenServer
  /** The endpoint's and the token server's variables, as a job with `id-token: write` sees them. */
  readonly oidcEnv: () => Record<string, string>
}

/**
 * A stand-in that forwards every read and write to the instance started in beforeAll, so test bodies
 * keep writing `fake.latencyMs = 100` and `fake.requests` as if they held the instance itself.
 */
function live<T extends object>(name: string, current: () => T | undefined): T {
  const target = (): T => {
    const instance = current()
    if (instance === undefined)
      throw new Error(`${name} is used outside a test or hook (it starts in beforeAll)`)
    return instance
  }
  return new Proxy({} as T, {
    get: (_, prop) => Reflect.get(target(), prop, target()),
    set: (_, prop, value) => Reflect.set(target(), prop, value, target()),
    has: (_, prop) => Reflect.has(target(), prop)
  })
}

export function useFakeAws(seed: Seed, options: { oidc?: boolean } = {}): FakeAwsFixture {
  let fake: FakeAws | undefined
  let tokens: TokenServer | undefined
  beforeAll(async () => {
    if (options.oidc) tokens = await startTokenServer()
    fake = await startFakeAws(seed, tokens ? { oidcKeys: { [tokens.issuer]: tokens.jwks } } : {})
  })
  beforeEach(() => {
    fake?.reset()
    if (tokens) {
      tokens.claims = defaultGitHubClaims()
      tokens.requests.length = 0
      tokens.issued.length = 0
    }
  })
  afterAll(async () => {
    await fake?.close()
    await tokens?.close()
  })
  const fixture = {
    fake: live('the fake AWS endpoint', () => fake),
    tokens: live('the token server', () => tokens)
  }
  return { ...fixture, oidcEnv: () => ({ ...fixture.fake.env(), ...fixture.tokens.env }) }
}
