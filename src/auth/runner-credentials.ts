import * as core from '@actions/core'
import { ActionError } from '../runtime/action-error.js'
import type { EnvironmentSettings } from '../inputs/environment-inputs.js'
import { maskCredentials } from '../runtime/masking.js'
import { assumeRoleWith, type AssumeRoleSettings } from './assume-role.js'
import { longLivedKeyOf } from './assumed-session.js'
import type { CredentialProvider, ObtainedCredentials } from './credentials.js'
import { findChainCredentials } from './default-chain.js'
import { MISSING_PERMISSION } from './oidc-token.js'

type Env = Readonly<Record<string, string | undefined>>

const NONE_FOUND =
  'No AWS credentials were given, and the runner has none of its own (environment variables, shared profile, web identity token file, container credentials, EC2 instance metadata). Set role-to-assume (with `permissions: id-token: write` for GitHub OIDC), or aws-access-key-id and aws-secret-access-key from secrets; on a self-hosted runner, give it an instance profile, task role or Pod Identity.'

/**
 * Self-hosted runners (EC2, ECS, EKS, CodeBuild) and force-skip-oidc: the runner's own credentials, as
 * the SDK's default provider chain finds them; with role-to-assume, the role is assumed from them.
 */
export function runnerCredentialsProvider(
  settings: AssumeRoleSettings & Pick<EnvironmentSettings, 'forceSkipOidc'>,
  env: Env = process.env
): CredentialProvider {
  const assume = settings.roleToAssume !== undefined
  return {
    source: assume ? 'runner-assume-role' : 'runner-credentials',
    async obtain(): Promise<ObtainedCredentials> {
      const found = await findChainCredentials()
      if (!found) {
        // On a GitHub-hosted runner the likely cause is a job without the id-token permission.
        const oidcMissing = assume && !settings.forceSkipOidc && !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
        throw new ActionError(
          oidcMissing
            ? `${MISSING_PERMISSION} (The runner has no AWS credentials of its own either.)`
            : NONE_FOUND
        )
      }
      maskCredentials(found.credentials)
      core.info(`Using the runner's own credentials from ${found.sourceName}.`)
      if (!assume) {
        return {
          credentials: found.credentials,
          source: 'runner-credentials',
          sourceDetail: found.sourceName,
          longLivedKey: longLivedKeyOf(found.credentials)
        }
      }
      const obtained = await assumeRoleWith(settings, found.credentials, 'runner-assume-role', env)
      return { ...obtained, sourceDetail: found.sourceName }
    }
  }
}
