import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../../test/runner/index.js'

const dist = join(REPO_ROOT, 'dist')
const entry = () => readFileSync(join(dist, 'index.js'), 'utf8')
const chunks = () =>
  readdirSync(dist)
    .filter(name => /^\d+\.index\.js$/.test(name))
    .map(name => readFileSync(join(dist, name), 'utf8'))

// Network first (issue 16): the entry chunk holds input reading and the head start only, so the first
// request leaves before the AWS SDK is parsed; the SDK loads from the lazy chunks while it is in flight.
describe('dist/ layout', () => {
  it('keeps the AWS SDK out of the entry chunk', () => {
    for (const marker of ['AWS4-HMAC-SHA256', '@smithy', 'GetCallerIdentity']) {
      expect(entry()).not.toContain(marker)
      expect(chunks().some(chunk => chunk.includes(marker))).toBe(true)
    }
  })

  // patches/README.md: @actions/core's HTTP client (undici and its WebAssembly parser with it) loads with
  // the first token request, not with the entry chunk every run parses.
  it('keeps the HTTP client and undici out of the entry chunk', () => {
    for (const marker of ['llhttp', 'undici']) {
      expect(entry()).not.toContain(marker)
      expect(chunks().some(chunk => chunk.includes(marker))).toBe(true)
    }
  })

  it('starts the token request and opens connections from the entry chunk', () => {
    expect(entry()).toContain('ACTIONS_ID_TOKEN_REQUEST_URL')
    expect(entry()).toContain('keepAlive')
  })

  // refresh-credentials (issue 29): the endpoint process lives for the whole job, so its entry is small
  // and the SDK loads only with its first renewal.
  it('keeps the refresh endpoint entry small and free of the AWS SDK', () => {
    const refreshEntry = readFileSync(join(dist, 'refresh', 'index.js'), 'utf8')
    expect(refreshEntry.length).toBeLessThan(40_000)
    for (const marker of ['AWS4-HMAC-SHA256', '@smithy', 'AssumeRole'])
      expect(refreshEntry).not.toContain(marker)
  })
})
