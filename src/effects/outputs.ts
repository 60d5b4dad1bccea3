import * as core from '@actions/core'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult } from '../checks/check-result.js'
import { checkData, checkRows } from '../checks/check-data.js'
import type { Verdict } from '../verdict/verdict.js'

/** Sets the non-secret outputs, pass or fail, so an `if: failure()` step can act on them. */
export function setResultOutputs(
  obtained: ObtainedCredentials,
  results: readonly CheckResult[],
  verdict: Verdict
): void {
  const { identity, regions, users } = checkData(results)
  if (identity) {
    core.setOutput('aws-account-id', identity.account)
    const arn = obtained.assumedRoleArn ?? identity.arn
    core.setOutput('aws-arn', arn)
    // configure-aws-credentials' name for it: workflows written for it read this one.
    core.setOutput('authenticated-arn', arn)
  }
  if (obtained.credentials.expiration) {
    core.setOutput('aws-expiration', obtained.credentials.expiration.toISOString())
  }
  if (regions) {
    core.setOutput('regions', JSON.stringify(regions.regions))
    core.setOutput('region-count', String(regions.regions.length))
  }
  if (users) core.setOutput('iam-user-count', String(users.count))
  if (verdict.keyAgeDays !== undefined) core.setOutput('key-age-days', String(verdict.keyAgeDays))
  core.setOutput('key-status', verdict.keyStatus)
  core.setOutput('checks', JSON.stringify(checkRows(results)))
}
