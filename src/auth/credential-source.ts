import type { Settings } from '../inputs/settings.js'
import type { CredentialSource } from './credentials.js'

type Env = Readonly<Record<string, string | undefined>>

/** The inputs that choose the source. */
export type SourceSettings = Pick<
  Settings,
  'accessKeyId' | 'roleToAssume' | 'roleChaining' | 'webIdentityTokenFile' | 'forceSkipOidc'
>

/** GitHub offers this job an OIDC token (`permissions: id-token: write`). */
function oidcAvailable(env: Env): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
}

/**
 * Where the credentials will come from, in the order docs/architecture.md ("The pipeline") gives: stored keys (then AssumeRole if role-to-assume);
 * else role-to-assume from the environment's credentials when role-chaining asks for it; else
 * role-to-assume with a web identity (web-identity-token-file, or GitHub OIDC unless force-skip-oidc);
 * else the runner's own credentials from the SDK's default provider chain (then AssumeRole if
 * role-to-assume), as on self-hosted runners. Pure and SDK-free, so the run can start the first request
 * before the providers (and the SDK) are loaded. inputs/settings.ts has already rejected the combinations
 * that give two sources.
 */
export function credentialSource(settings: SourceSettings, env: Env = process.env): CredentialSource {
  if (settings.accessKeyId !== undefined) {
    return settings.roleToAssume === undefined ? 'stored-keys' : 'assume-role'
  }
  if (settings.roleChaining) return 'role-chaining'
  if (settings.roleToAssume !== undefined) {
    if (settings.webIdentityTokenFile !== undefined) return 'web-identity-file'
    if (!settings.forceSkipOidc && oidcAvailable(env)) return 'web-identity'
    return 'runner-assume-role'
  }
  return 'runner-credentials'
}
