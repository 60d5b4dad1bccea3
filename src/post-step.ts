import * as core from '@actions/core'
import { getProfileBackupPath } from './state.js'

/**
 * Post step: puts the shared credentials/config files back as they were. Returns early when the main
 * step wrote nothing, and only ever warns: cleanup must not fail a job.
 */
export async function runPost(): Promise<void> {
  try {
    const backup = getProfileBackupPath()
    if (backup === undefined) return
    core.info(`Restoring AWS profile files from ${backup}`)
  } catch (error) {
    core.warning(
      `Could not restore the AWS profile files: ${error instanceof Error ? error.message : String(error)}`
    )
  }
}
