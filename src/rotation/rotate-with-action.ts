import * as core from '@actions/core'
import { context } from '@actions/github'
import type { AwsCredentials } from '../auth/credentials.js'
import { formatKeyId } from '../aws/access-key-id.js'
import { GithubSecrets } from './github-secrets.js'
import { iamKeyApi } from './iam-keys.js'
import { rotateKey } from './rotate-key.js'
import type { KeyRotationSettings, RotationOutcome } from './rotation-types.js'
import { secretLocations } from './secret-targets.js'
import { Timeline, type TimelineEntry } from '../steps/timeline.js'
import { waitUntilKeyWorks } from './wait-for-key.js'
import { timelineLines } from '../steps/timeline-lines.js'

/** Wires rotateKey to the real IAM, STS and GitHub, and logs how it went. */
export async function rotateWithAction(
  settings: KeyRotationSettings,
  oldKey: AwsCredentials,
  callerArn: string
): Promise<{ outcome: RotationOutcome; timeline: TimelineEntry[] }> {
  const timeline = new Timeline()
  const outcome = await rotateKey(
    { settings, oldKey, callerArn, locations: secretLocations(settings, context.repo) },
    {
      keys: iamKeyApi(settings, oldKey),
      github: await GithubSecrets.create(settings.githubToken ?? ''),
      waitUntilKeyWorks: key => waitUntilKeyWorks(settings.region, key),
      mask: secret => core.setSecret(secret),
      timeline
    }
  )
  if (outcome.status === 'rotated') {
    const fresh = formatKeyId(outcome.newKey.accessKeyId)
    timeline.record(
      '6. Hand over the new key',
      timeline.now(),
      'ok',
      `the job gets ${fresh} (env, profile) when the step passes; checks judge ${fresh}`
    )
  }
  for (const line of timelineLines(timeline.entries)) core.info(line)
  return { outcome, timeline: timeline.entries }
}
