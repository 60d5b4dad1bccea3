import type { Settings } from '../inputs.js'
import type { CredentialSource } from './credentials.js'

/**
 * Where the credentials will come from, in SPEC order: stored keys (then AssumeRole if role-to-assume);
 * else role-to-assume from the environment's credentials when role-chaining asks for it; else
 * role-to-assume with a web identity (web-identity-token-file, or GitHub OIDC). Pure and SDK-free, so the
 * run can start the first request before the providers (and the SDK) are loaded. inputs.ts has already
 * rejected the combinations that leave no source or two.
 */
export function credentialSource(settings: Settings): CredentialSource {
  if (settings.accessKeyId !== undefined) {
    return settings.roleToAssume === undefined ? 'stored-keys' : 'assume-role'
  }
  if (settings.roleChaining) return 'role-chaining'
  return settings.webIdentityTokenFile === undefined ? 'web-identity' : 'web-identity-file'
}
