// The modules a unit test of the head start (or of main/run-main.ts, which calls it) must mock so that nothing
// leaves the machine: @actions/core, the OIDC token request, and the connections opened ahead. Call it
// before importing the code under test, as with jest.unstable_mockModule itself. jest resolves a mocked
// path from the test file that calls this (all in __tests__/main/), not from this file.
import { jest } from '@jest/globals'
import * as core from './core.js'

export function mockHeadStartNetwork() {
  jest.unstable_mockModule('@actions/core', () => core)
  const requestIdToken =
    jest.fn<(url: string, bearer: string, audience: string, attempts: number) => Promise<string>>()
  jest.unstable_mockModule('../../src/auth/oidc-request.js', () => ({ requestIdToken }))
  // The head start would open connections to the real AWS endpoints.
  const preconnect = jest.fn()
  jest.unstable_mockModule('../../src/aws/connections.js', () => ({
    preconnect,
    requestHandlerOptions: () => ({})
  }))
  return { requestIdToken, preconnect }
}
