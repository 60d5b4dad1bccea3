import * as core from '@actions/core'
import type { Settings } from '../inputs/settings.js'
import { CREDENTIAL_VARIABLES } from './aws-variables.js'

/**
 * unset-current-credentials: forgets the credentials an earlier step exported, before anything looks for
 * credentials, so the default provider chain and role-chaining cannot pick them up. With
 * output-env-credentials (as configure-aws-credentials) they are also cleared for the job's later steps.
 */
export function unsetCurrentCredentials(
  settings: Pick<Settings, 'unsetCurrentCredentials' | 'outputEnvCredentials'>,
  env: Record<string, string | undefined> = process.env
): void {
  if (!settings.unsetCurrentCredentials) return
  for (const name of CREDENTIAL_VARIABLES) {
    delete env[name]
    if (settings.outputEnvCredentials) core.exportVariable(name, '')
  }
}
