import * as core from '@actions/core'
import type { Settings } from '../inputs/settings.js'
import type { ObtainedCredentials } from '../auth/credentials.js'
import { saveStepState } from '../runtime/step-state.js'
import { CREDENTIAL_VARIABLES, ENDPOINT_VARIABLES, REGION_VARIABLES } from './aws-variables.js'

type ExportSettings = Pick<
  Settings,
  'outputEnvCredentials' | 'outputCredentials' | 'region' | 'awsProfile' | 'refreshCredentials'
>

/**
 * What the post step sets to empty, as configure-aws-credentials' cleanup does: with
 * output-env-credentials the credential variables (also when use-existing-credentials kept the job's
 * own), AWS_PROFILE when a profile was written and exported, the region variables unless aws-profile is
 * set, and with refresh-credentials the endpoint's address and token. Pure.
 */
export function variablesToClear(
  settings: Pick<ExportSettings, 'outputEnvCredentials' | 'awsProfile' | 'refreshCredentials'>
): string[] {
  if (!settings.outputEnvCredentials) return []
  const profile = settings.awsProfile !== undefined
  return [
    ...CREDENTIAL_VARIABLES,
    ...(profile ? ['AWS_PROFILE'] : REGION_VARIABLES),
    ...(settings.refreshCredentials ? ENDPOINT_VARIABLES : [])
  ]
}

/**
 * Hands the credentials to the rest of the job, and tells the post step what to clear. Called only when
 * the step succeeds, after every secret has been masked.
 */
export function exportCredentials(settings: ExportSettings, obtained: ObtainedCredentials): void {
  const { credentials } = obtained
  // use-existing-credentials kept the job's own credentials: they are where they were. With
  // refresh-credentials the endpoint serves them (src/refresh/serve-refreshed.ts exported where it is).
  if (settings.outputEnvCredentials && !obtained.alreadyInEnvironment && !settings.refreshCredentials) {
    core.exportVariable('AWS_ACCESS_KEY_ID', credentials.accessKeyId)
    core.exportVariable('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey)
    // A stale token from an earlier step would break the new keys, so it is always overwritten.
    core.exportVariable('AWS_SESSION_TOKEN', credentials.sessionToken ?? '')
  }
  if (settings.outputEnvCredentials) {
    core.exportVariable('AWS_REGION', settings.region)
    core.exportVariable('AWS_DEFAULT_REGION', settings.region)
  }
  if (settings.outputCredentials) {
    core.setOutput('aws-access-key-id', credentials.accessKeyId)
    core.setOutput('aws-secret-access-key', credentials.secretAccessKey)
    if (credentials.sessionToken) core.setOutput('aws-session-token', credentials.sessionToken)
  }
  const exported = variablesToClear(settings)
  if (exported.length > 0) saveStepState('exportedVariables', exported)
}
