import * as core from '@actions/core'

/** Keys handed from the main step to the post step. Never file contents: only paths. */
export enum State {
  /** Path of the 0600 backup manifest of the shared credentials/config files. */
  ProfileBackup = 'profile-backup'
}

export function saveProfileBackupPath(path: string): void {
  core.saveState(State.ProfileBackup, path)
}

export function getProfileBackupPath(): string | undefined {
  return core.getState(State.ProfileBackup) || undefined
}
