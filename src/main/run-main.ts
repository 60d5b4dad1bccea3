import { readSettings } from '../inputs/settings.js'
import { maskInputSecrets } from '../runtime/masking.js'
import { startHeadStart } from './head-start.js'
import { failStep } from '../runtime/failure.js'
import { startStepDeadline } from '../runtime/step-deadline.js'
import { setUpNetwork } from '../aws/http-agent.js'
import { unsetCurrentCredentials } from '../effects/unset-credentials.js'

/**
 * The entry: inputs → head start → pipeline. Only what the first request needs is bundled here; the
 * pipeline, and the AWS SDK with it, is a separate chunk that loads while that request is in flight.
 */
export async function run(): Promise<void> {
  try {
    const settings = readSettings()
    maskInputSecrets(settings)
    startStepDeadline(settings.actionTimeoutSeconds)
    await setUpNetwork(settings)
    unsetCurrentCredentials(settings)
    // The profile files' code loads only when a profile is asked for: the entry holds what the first
    // request needs.
    if (settings.awsProfile !== undefined) {
      const { assertProfileWritable } = await import('../effects/write-profile.js')
      await assertProfileWritable(settings)
    }

    const headStart = startHeadStart(settings)
    await headStart.started
    const { runPipeline } = await import('./pipeline.js')
    await runPipeline(settings, headStart)
  } catch (error) {
    failStep(error)
  }
}
