import type { Settings } from '../inputs.js'
import type { CredentialProvider, ObtainedCredentials } from './credentials.js'
import { longLivedKeyOf } from './assumed-session.js'

/** Stored keys from secrets, used as they are: no network call, GetCallerIdentity proves them later. */
export function storedKeysProvider(settings: Settings): CredentialProvider {
  return {
    source: 'stored-keys',
    async obtain(): Promise<ObtainedCredentials> {
      const credentials = {
        accessKeyId: settings.accessKeyId!,
        secretAccessKey: settings.secretAccessKey!,
        sessionToken: settings.sessionToken
      }
      // Stored temporary keys (with a session token) have no age to enforce: key-status is `temporary`.
      return { credentials, source: 'stored-keys', longLivedKey: longLivedKeyOf(credentials) }
    }
  }
}
