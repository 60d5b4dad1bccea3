import type { Settings } from '../inputs.js'
import { assumeRoleProvider } from './assume-role.js'
import type { CredentialProvider } from './credentials.js'
import { roleChainingProvider } from './role-chaining.js'
import { storedKeysProvider } from './stored-keys.js'
import { webIdentityProvider } from './web-identity.js'

type Env = Readonly<Record<string, string | undefined>>

/**
 * Picks the credential source in SPEC order: stored keys (then AssumeRole if role-to-assume); else
 * role-to-assume from the environment's credentials when role-chaining asks for it; else role-to-assume
 * with a web identity (web-identity-token-file, or GitHub OIDC). inputs.ts has already rejected the
 * combinations that leave no source or two.
 */
export function selectProvider(settings: Settings, env: Env = process.env): CredentialProvider {
  if (settings.accessKeyId !== undefined) {
    return settings.roleToAssume === undefined
      ? storedKeysProvider(settings)
      : assumeRoleProvider(settings, env)
  }
  if (settings.roleChaining) return roleChainingProvider(settings, env)
  return webIdentityProvider(settings, env)
}
