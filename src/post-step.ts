import * as core from '@actions/core'
import { getProfileBackupPath } from './state.js'
import { restoreBackup } from './effects/profile-backup.js'

/**
 * Post step: puts the shared credentials/config files back as they were. Returns early when the main
 * step wrote nothing, and only ever warns: cleanup must not fail a job.
 */
export async function runPost(): Promise<void> {
  try {
    const backup = getProfileBackupPath()
    if (backup === undefined) return
    const problems = await restoreBackup(backup)
    for (const problem of problems) core.warning(problem)
    if (problems.length === 0) core.info('Restored the AWS shared credentials and config files.')
  } catch (error) {
    core.warning(
      `Could not restore the AWS profile files: ${error instanceof Error ? error.message : String(error)}`
    )
  }
}
