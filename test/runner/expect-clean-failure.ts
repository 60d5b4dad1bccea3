// The shape every failed run must have (docs/architecture.md, "Failures and secrets"), as one jest assertion for e2e tests. Kept out
// of index.ts because it needs jest's globals, and the demo imports index.ts outside jest.
import { expect } from '@jest/globals'
import type { RunResult } from './run-action.js'
import { assertNoSecretLeaks } from './secret-leaks.js'

/** Exit 1, exactly one `::error::`, nothing exported, no stack trace, no leak; returns the error. */
export function expectCleanFailure(result: RunResult, secrets: string[]): string {
  expect(result.exitCode).toBe(1)
  expect(result.errors).toHaveLength(1)
  expect(result.exportedEnv).toEqual({})
  expect(result.stdout).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/)
  assertNoSecretLeaks(result, secrets)
  return result.errors[0]!
}
