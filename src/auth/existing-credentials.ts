import * as core from '@actions/core'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { clientOptions, createStsClient, type ClientSettings } from '../aws/clients.js'
import { maskCredentials } from '../runtime/masking.js'
import { longLivedKeyOf } from './assumed-session.js'
import type { CredentialProvider, ObtainedCredentials } from './credentials.js'
import { findChainCredentials } from './default-chain.js'

/**
 * use-existing-credentials: when the job already has credentials (default provider chain) that AWS
 * accepts, they are kept and checked like any others, and nothing new is exported. Otherwise the
 * credentials are obtained as if the input were not set, as configure-aws-credentials does.
 */
export function existingCredentialsProvider(
  settings: ClientSettings,
  otherwise: CredentialProvider
): CredentialProvider {
  return {
    source: 'existing-credentials',
    async obtain(): Promise<ObtainedCredentials> {
      const found = await findChainCredentials()
      if (found) {
        maskCredentials(found.credentials)
        const valid = await createStsClient({ ...clientOptions(settings, found.credentials), maxAttempts: 1 })
          .send(new GetCallerIdentityCommand({}))
          .then(
            () => true,
            (error: unknown) => {
              core.debug(`existing credentials rejected: ${(error as Error).name}`)
              return false
            }
          )
        if (valid) {
          core.notice('Pre-existing credentials are valid. No need to generate new ones.')
          return {
            credentials: found.credentials,
            source: 'existing-credentials',
            sourceDetail: found.sourceName,
            longLivedKey: longLivedKeyOf(found.credentials),
            alreadyInEnvironment: true
          }
        }
      }
      core.notice('No valid credentials exist. Running as normal.')
      return otherwise.obtain()
    }
  }
}
