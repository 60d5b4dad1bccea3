import type { Settings } from '../inputs.js'
import type { AwsCredentials, CredentialProvider, ObtainedCredentials } from './credentials.js'
import { longLivedKeyOf } from './assumed-session.js'

/** The keys from the inputs (aws-access-key-id, aws-secret-access-key, aws-session-token). */
export function storedCredentials(settings: Settings): AwsCredentials {
  return {
    accessKeyId: settings.accessKeyId!,
    secretAccessKey: settings.secretAccessKey!,
    sessionToken: settings.sessionToken
  }
}

/** Stored keys from secrets, used as they are: no network call, GetCallerIdentity proves them later. */
export function storedKeysProvider(settings: Settings): CredentialProvider {
  return {
    source: 'stored-keys',
    async obtain(): Promise<ObtainedCredentials> {
      const credentials = storedCredentials(settings)
      // Stored temporary keys (with a session token) have no age to enforce: key-status is `temporary`.
      return { credentials, source: 'stored-keys', longLivedKey: longLivedKeyOf(credentials) }
    }
  }
}
