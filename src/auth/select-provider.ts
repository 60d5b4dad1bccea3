import type { Settings } from '../inputs.js'
import { assumeRoleProvider } from './assume-role.js'
import { credentialSource } from './credential-source.js'
import type { CredentialProvider } from './credentials.js'
import type { HeadStart } from '../head-start.js'
import { roleChainingProvider } from './role-chaining.js'
import { storedKeysProvider } from './stored-keys.js'
import { webIdentityProvider } from './web-identity.js'

type Env = Readonly<Record<string, string | undefined>>

/**
 * The provider for the credential source (credential-source.ts), taking over what the head start
 * already began: the GitHub OIDC token request, sent before the SDK was loaded.
 */
export function selectProvider(
  settings: Settings,
  env: Env = process.env,
  headStart: HeadStart = {}
): CredentialProvider {
  switch (credentialSource(settings)) {
    case 'stored-keys':
      return storedKeysProvider(settings)
    case 'assume-role':
      return assumeRoleProvider(settings, env)
    case 'role-chaining':
      return roleChainingProvider(settings, env)
    default:
      return webIdentityProvider(settings, env, headStart.githubToken)
  }
}
