import type { EnvironmentSettings } from '../inputs/environment-inputs.js'
import type { AssumeRoleSettings } from './assume-role.js'
import type { HeadStart } from './head-start-requests.js'
import { credentialSource } from './credential-source.js'
import type { CredentialProvider } from './credentials.js'

type Env = Readonly<Record<string, string | undefined>>

/** What choosing and building a provider reads: the credential, session and environment inputs. */
export type ProviderSettings = AssumeRoleSettings & EnvironmentSettings

/**
 * The provider for the credential source (credential-source.ts), taking over what the head start already
 * began: the GitHub OIDC token request, sent before the SDK was loaded. use-existing-credentials first
 * tries the job's credentials and falls back to that choice. Each provider's module loads only when it is
 * the one chosen: a run with stored keys evaluates none of the OIDC or assume-role code.
 */
export async function selectProvider(
  settings: ProviderSettings,
  env: Env = process.env,
  headStart: HeadStart = {}
): Promise<CredentialProvider> {
  const chosen = await chooseProvider(settings, env, headStart)
  if (!settings.useExistingCredentials) return chosen
  const { existingCredentialsProvider } = await import('./existing-credentials.js')
  return existingCredentialsProvider(settings, chosen)
}

async function chooseProvider(
  settings: ProviderSettings,
  env: Env,
  headStart: HeadStart
): Promise<CredentialProvider> {
  switch (credentialSource(settings, env)) {
    case 'stored-keys':
      return (await import('./stored-keys.js')).storedKeysProvider(settings)
    case 'assume-role':
      return (await import('./assume-role.js')).assumeRoleProvider(settings, env)
    case 'role-chaining':
      return (await import('./role-chaining.js')).roleChainingProvider(settings, env)
    case 'web-identity':
    case 'web-identity-file':
      return (await import('./web-identity.js')).webIdentityProvider(settings, env, headStart.githubToken)
    default:
      return (await import('./runner-credentials.js')).runnerCredentialsProvider(settings, env)
  }
}
