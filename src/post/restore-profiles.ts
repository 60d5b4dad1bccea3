import * as core from '@actions/core'
import { readStepState } from '../runtime/step-state.js'
import { restoreBackup } from '../effects/profile-backup.js'
import type { Cleanup } from './cleanups.js'

/** Puts the shared credentials/config files back as they were before the main step wrote a profile. */
export const restoreProfiles: Cleanup = {
  failure: 'Could not restore the AWS profile files',
  async run() {
    const backup = readStepState('profileBackup')
    if (backup === undefined) return
    const problems = await restoreBackup(backup)
    for (const problem of problems) core.warning(problem)
    if (problems.length === 0) core.info('Restored the AWS shared credentials and config files.')
  }
}
