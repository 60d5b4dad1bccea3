import { boolean, InputError, type Read } from './read-input.js'
import type { CredentialSettings } from './credential-inputs.js'
import type { EnvironmentSettings } from './environment-inputs.js'
import type { OutputSettings } from './output-inputs.js'
import { credentialSource } from '../auth/credential-source.js'

type Env = Readonly<Record<string, string | undefined>>

/** Credentials that outlive the hour (docs/refresh.md). */
export interface RefreshSettings {
  /** Serve the session from a local endpoint that renews it until the job ends. */
  readonly refreshCredentials: boolean
}

export function readRefreshInputs(read: Read): RefreshSettings {
  return { refreshCredentials: boolean(read, 'refresh-credentials', false) }
}

/** Why a source cannot be renewed, as the second half of the error. */
const NOT_RENEWABLE: Readonly<Record<string, string>> = {
  'stored-keys':
    'stored keys are used as they are, so there is no session to renew. Add role-to-assume (the role is assumed again before each session ends), use GitHub OIDC, or remove refresh-credentials.',
  'stored-temporary-keys':
    'stored temporary keys (with aws-session-token) cannot be renewed by anyone but whoever issued them. Use GitHub OIDC or stored long-lived keys with role-to-assume, or remove refresh-credentials.',
  'existing-credentials':
    'use-existing-credentials keeps credentials this action did not obtain, so it cannot renew them. Remove one of the two.',
  'runner-credentials':
    "the runner's own credentials renew themselves through the SDK's provider chain; there is nothing for this action to renew. Remove refresh-credentials, or add role-to-assume with GitHub OIDC (`permissions: id-token: write`).",
  'runner-assume-role':
    "the role would be assumed with the runner's own credentials, which the endpoint process is not given. Use GitHub OIDC (`permissions: id-token: write`, without force-skip-oidc), stored keys, web-identity-token-file or role-chaining with role-to-assume."
}

/**
 * refresh-credentials needs a source the endpoint process can use again (docs/refresh.md, "What it
 * does"): refused here, before any network call, otherwise. Pure apart from reading whether GitHub
 * offers this job an OIDC token (the same test select-provider uses).
 */
export function validateRefreshInputs(
  settings: RefreshSettings &
    CredentialSettings &
    Pick<EnvironmentSettings, 'useExistingCredentials' | 'forceSkipOidc'> &
    Pick<OutputSettings, 'outputEnvCredentials' | 'awsProfile'>,
  env: Env = process.env
): void {
  if (!settings.refreshCredentials) return
  if (!settings.outputEnvCredentials && settings.awsProfile === undefined) {
    throw new InputError(
      'refresh-credentials',
      'serves the session to later steps through the exported AWS_CONTAINER_* variables or aws-profile, and output-env-credentials is false without aws-profile. Set one of them, or remove refresh-credentials.'
    )
  }
  const source = credentialSource(settings, env)
  const kind = settings.useExistingCredentials
    ? 'existing-credentials'
    : source === 'stored-keys' && settings.sessionToken !== undefined
      ? 'stored-temporary-keys'
      : source
  const reason = NOT_RENEWABLE[kind]
  if (reason !== undefined) throw new InputError('refresh-credentials', reason)
}
