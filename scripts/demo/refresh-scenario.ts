// The demo's refresh-credentials scenario: after the main step, a "later step" reads the endpoint with
// the AWS SDK's own HTTP credential provider, once before and once after the first session's expiry
// (the fake hands out 4-second sessions here), then the post step stops the endpoint and reports.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromHttp } from '@aws-sdk/credential-providers'
import type { FakeAws } from '../../test/fake-aws/index.js'
import { runnerLog, runPost, summaryToText, type RunResult } from '../../test/runner/index.js'
import { setTimeout as sleep } from 'node:timers/promises'

/** What a later step sees: the identity and the session's key id, read through the endpoint. */
async function callAws(fake: FakeAws, exported: Record<string, string>): Promise<string> {
  const credentials = fromHttp({
    awsContainerCredentialsFullUri: exported.AWS_CONTAINER_CREDENTIALS_FULL_URI,
    awsContainerAuthorizationToken: exported.AWS_CONTAINER_AUTHORIZATION_TOKEN
  })
  const sts = new STSClient({ region: exported.AWS_REGION, endpoint: fake.url, credentials })
  const { Arn } = await sts.send(new GetCallerIdentityCommand({}))
  const { accessKeyId, expiration } = await credentials()
  return `${Arn} with ${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}, valid until ${expiration?.toISOString()}`
}

/** Runs after the main step of the scenario; returns the lines to print. */
export async function showRenewal(fake: FakeAws, main: RunResult): Promise<string[]> {
  if (main.exitCode !== 0) return ['(the main step failed: nothing to renew)']
  const lines = [`later step at ${new Date().toISOString()}: ${await callAws(fake, main.exportedEnv)}`]
  const first = fake.sessions[0]!
  await sleep(Math.max(0, first.expiration.getTime() - Date.now() + 500))
  // As STS writes it (whole seconds), so it matches the "valid until" above.
  const expired = new Date(Math.floor(first.expiration.getTime() / 1000) * 1000)
  lines.push(`the first session expired at ${expired.toISOString()}`)
  lines.push(`later step at ${new Date().toISOString()}: ${await callAws(fake, main.exportedEnv)}`)
  fake.sessionLifetimeMs = undefined
  const post = await runPost({ main })
  lines.push('', 'Post step log:', ...runnerLog(post), '', 'Post step summary:', summaryToText(post.summary))
  return lines
}
