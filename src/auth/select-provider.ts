import type { Settings } from '../inputs.js'
import { assumeRoleProvider } from './assume-role.js'
import type { CredentialProvider } from './credentials.js'
import { existingCredentialsProvider } from './existing-credentials.js'
import { roleChainingProvider } from './role-chaining.js'
import { runnerCredentialsProvider } from './runner-credentials.js'
import { storedKeysProvider } from './stored-keys.js'
import { webIdentityProvider } from './web-identity.js'

type Env = Readonly<Record<string, string | undefined>>

/** GitHub offers this job an OIDC token (`permissions: id-token: write`). */
function oidcAvailable(env: Env): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
}

/**
 * Picks the credential source in SPEC order: stored keys (then AssumeRole if role-to-assume); else
 * role-to-assume from the environment's credentials when role-chaining asks for it; else role-to-assume
 * with a web identity (web-identity-token-file, or GitHub OIDC unless force-skip-oidc); else the runner's
 * own credentials from the SDK's default provider chain (then AssumeRole if role-to-assume), as on
 * self-hosted runners. use-existing-credentials first tries the job's credentials and falls back to that
 * choice. inputs.ts has already rejected the combinations that give two sources.
 */
export function selectProvider(settings: Settings, env: Env = process.env): CredentialProvider {
  const chosen = chooseProvider(settings, env)
  return settings.useExistingCredentials ? existingCredentialsProvider(settings, chosen) : chosen
}

function chooseProvider(settings: Settings, env: Env): CredentialProvider {
  if (settings.accessKeyId !== undefined) {
    return settings.roleToAssume === undefined
      ? storedKeysProvider(settings)
      : assumeRoleProvider(settings, env)
  }
  if (settings.roleChaining) return roleChainingProvider(settings, env)
  if (
    settings.roleToAssume !== undefined &&
    (settings.webIdentityTokenFile !== undefined || (!settings.forceSkipOidc && oidcAvailable(env)))
  ) {
    return webIdentityProvider(settings, env)
  }
  return runnerCredentialsProvider(settings, env)
}
