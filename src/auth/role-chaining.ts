import * as core from '@actions/core'
import { ActionError } from '../runtime/action-error.js'
import { assumeRoleWith, type AssumeRoleSettings } from './assume-role.js'
import type { AwsCredentials, CredentialProvider } from './credentials.js'
import { findChainCredentials } from './default-chain.js'

type Env = Readonly<Record<string, string | undefined>>

/**
 * The credentials an earlier step exported (this action, configure-aws-credentials, a script), read from
 * the standard variables only: never a profile or instance metadata, so what is assumed from is exactly
 * what the workflow set.
 */
export function environmentCredentials(env: Env): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
  if (!accessKeyId || !secretAccessKey) return undefined
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined }
}

/** role-chaining: assume role-to-assume from the credentials already in the environment. */
export function roleChainingProvider(
  settings: AssumeRoleSettings,
  env: Env = process.env
): CredentialProvider {
  return {
    source: 'role-chaining',
    async obtain() {
      // The variables an earlier step exported first; else wherever the SDK would look (profile, metadata).
      const source = environmentCredentials(env) ?? (await findChainCredentials())?.credentials
      if (!source) {
        throw new ActionError(
          'role-chaining assumes role-to-assume with the credentials already in the environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set and the runner has no credentials of its own. Run a step that obtains credentials first (e.g. this action with OIDC), or remove role-chaining.'
        )
      }
      // A script may have exported them without masking; masking twice is harmless.
      core.setSecret(source.secretAccessKey)
      if (source.sessionToken) core.setSecret(source.sessionToken)
      return assumeRoleWith(settings, source, 'role-chaining', env)
    }
  }
}
