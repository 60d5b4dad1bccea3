import type { Settings } from '../inputs.js'
import type { HeadStart } from '../head-start.js'
import { assumeRoleProvider } from './assume-role.js'
import { credentialSource } from './credential-source.js'
import type { CredentialProvider } from './credentials.js'
import { existingCredentialsProvider } from './existing-credentials.js'
import { roleChainingProvider } from './role-chaining.js'
import { runnerCredentialsProvider } from './runner-credentials.js'
import { storedKeysProvider } from './stored-keys.js'
import { webIdentityProvider } from './web-identity.js'

type Env = Readonly<Record<string, string | undefined>>

/**
 * The provider for the credential source (credential-source.ts), taking over what the head start already
 * began: the GitHub OIDC token request, sent before the SDK was loaded. use-existing-credentials first
 * tries the job's credentials and falls back to that choice.
 */
export function selectProvider(
  settings: Settings,
  env: Env = process.env,
  headStart: HeadStart = {}
): CredentialProvider {
  const chosen = chooseProvider(settings, env, headStart)
  return settings.useExistingCredentials ? existingCredentialsProvider(settings, chosen) : chosen
}

function chooseProvider(settings: Settings, env: Env, headStart: HeadStart): CredentialProvider {
  switch (credentialSource(settings, env)) {
    case 'stored-keys':
      return storedKeysProvider(settings)
    case 'assume-role':
      return assumeRoleProvider(settings, env)
    case 'role-chaining':
      return roleChainingProvider(settings, env)
    case 'web-identity':
    case 'web-identity-file':
      return webIdentityProvider(settings, env, headStart.githubToken)
    default:
      return runnerCredentialsProvider(settings, env)
  }
}
