import { restoreProfiles } from './restore-profiles.js'
import { clearVariables } from './clear-variables.js'
import { stopRefresh } from './stop-refresh.js'

/**
 * One thing the post step undoes. `run` reads its own entry of the main step's state (src/runtime/step-state.ts) and
 * does nothing when there is none; a throw becomes a warning that starts with `failure`.
 */
export interface Cleanup {
  readonly failure: string
  run(): Promise<void>
}

/** The post step's cleanups, in the order they run. A new stage that leaves something behind adds one. */
export const CLEANUPS: readonly Cleanup[] = [restoreProfiles, stopRefresh, clearVariables]
