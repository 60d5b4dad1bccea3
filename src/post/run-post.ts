import * as core from '@actions/core'
import { CLEANUPS, type Cleanup } from './cleanups.js'

/**
 * Post step: runs every cleanup in order (src/post/cleanups.ts). Each only ever warns, and one that
 * fails does not stop the next: cleanup must not fail a job.
 */
export async function runPost(cleanups: readonly Cleanup[] = CLEANUPS): Promise<void> {
  for (const cleanup of cleanups) {
    try {
      await cleanup.run()
    } catch (error) {
      core.warning(`${cleanup.failure}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}
