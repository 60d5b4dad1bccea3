import { boolean, type Read } from './read-input.js'

/** What the action does with credentials the job environment already has. */
export interface EnvironmentSettings {
  /** First clear AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN in the job environment. */
  readonly unsetCurrentCredentials: boolean
  /** If the environment's credentials (default provider chain) are valid, keep them instead. */
  readonly useExistingCredentials: boolean
  /**
   * Never use GitHub OIDC: role-to-assume is assumed with the default provider chain's credentials (or
   * web-identity-token-file's token, which is not GitHub OIDC).
   */
  readonly forceSkipOidc: boolean
}

export function readEnvironmentInputs(read: Read): EnvironmentSettings {
  return {
    unsetCurrentCredentials: boolean(read, 'unset-current-credentials', false),
    useExistingCredentials: boolean(read, 'use-existing-credentials', false),
    forceSkipOidc: boolean(read, 'force-skip-oidc', false)
  }
}
