import type { Settings } from '../inputs/settings.js'
import type { AwsCredentials, CredentialProvider, ObtainedCredentials } from './credentials.js'
import { longLivedKeyOf } from './assumed-session.js'

/** The stored-key inputs: aws-access-key-id, aws-secret-access-key, aws-session-token. */
export type StoredKeySettings = Pick<Settings, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>

/** The keys from the inputs (aws-access-key-id, aws-secret-access-key, aws-session-token). */
export function storedCredentials(settings: StoredKeySettings): AwsCredentials {
  return {
    accessKeyId: settings.accessKeyId!,
    secretAccessKey: settings.secretAccessKey!,
    sessionToken: settings.sessionToken
  }
}

/** Stored keys from secrets, used as they are: no network call, GetCallerIdentity proves them later. */
export function storedKeysProvider(settings: StoredKeySettings): CredentialProvider {
  return {
    source: 'stored-keys',
    async obtain(): Promise<ObtainedCredentials> {
      const credentials = storedCredentials(settings)
      // Stored temporary keys (with a session token) have no age to enforce: key-status is `temporary`.
      return { credentials, source: 'stored-keys', longLivedKey: longLivedKeyOf(credentials) }
    }
  }
}
