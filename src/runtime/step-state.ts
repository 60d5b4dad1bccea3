import * as core from '@actions/core'

/**
 * What the main step hands the post step, one typed entry per cleanup (src/post/cleanups.ts). Paths,
 * ids and counts only: never a secret, never file contents. A new cleanup adds its entry here.
 */
export interface StepState {
  /** Path of the 0600 backup manifest of the shared credentials/config files. */
  readonly profileBackup: string
  /** Names of the job variables (credentials, region, AWS_PROFILE) the post step sets to empty. */
  readonly exportedVariables: readonly string[]
  /** refresh-credentials: the endpoint process to stop, and its folder (status file, profile token). */
  readonly refreshEndpoint: { readonly pid: number; readonly folder: string }
}

/** The STATE_ names the runner uses, one per entry. */
const NAMES: { readonly [K in keyof StepState]: string } = {
  profileBackup: 'profile-backup',
  exportedVariables: 'exported-variables',
  refreshEndpoint: 'refresh-endpoint'
}

export function saveStepState<K extends keyof StepState>(key: K, value: StepState[K]): void {
  core.saveState(NAMES[key], JSON.stringify(value))
}

/** The entry the main step saved, or undefined when it saved none. Throws when the entry is unreadable. */
export function readStepState<K extends keyof StepState>(key: K): StepState[K] | undefined {
  const raw = core.getState(NAMES[key])
  return raw === '' ? undefined : (JSON.parse(raw) as StepState[K])
}
