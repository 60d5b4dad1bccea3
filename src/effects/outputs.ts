import * as core from '@actions/core'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult } from '../checks/check-result.js'
import type { IdentityData } from '../checks/identity.js'
import type { Verdict } from '../verdict.js'

/** Sets the non-secret outputs, pass or fail, so an `if: failure()` step can act on them. */
export function setResultOutputs(
  obtained: ObtainedCredentials,
  results: readonly CheckResult[],
  verdict: Verdict
): void {
  const identity = results.find(r => r.name === 'identity')?.data as IdentityData | undefined
  if (identity) {
    core.setOutput('aws-account-id', identity.account)
    core.setOutput('aws-arn', obtained.assumedRoleArn ?? identity.arn)
  }
  if (obtained.credentials.expiration) {
    core.setOutput('aws-expiration', obtained.credentials.expiration.toISOString())
  }
  core.setOutput('key-status', verdict.keyStatus)
  core.setOutput(
    'checks',
    JSON.stringify(
      results.map(r => ({ name: r.name, status: r.status, durationMs: r.durationMs, detail: r.detail }))
    )
  )
}
