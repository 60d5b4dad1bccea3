import * as core from '@actions/core'
import type { Settings } from '../inputs.js'
import type { ObtainedCredentials } from '../auth/credentials.js'

/**
 * Hands the credentials to the rest of the job. Called only when the step succeeds, after every secret
 * has been masked.
 */
export function exportCredentials(settings: Settings, obtained: ObtainedCredentials): void {
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
}
