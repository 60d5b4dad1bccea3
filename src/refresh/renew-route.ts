import type { AwsCredentials } from '../auth/credentials.js'
import type { ChainSource, RefreshPlan } from './refresh-plan.js'
import { readEndpoint } from './read-endpoint.js'

/**
 * Obtains a new session by the route the step used (docs/refresh.md: the same route as the first session), through
 * the same provider code, so a renewal is refused, retried and explained exactly as the step would. Each
 * route's module (and the AWS SDK with it) loads on the first renewal, not when the process starts.
 */
export async function renewByRoute(plan: RefreshPlan): Promise<AwsCredentials> {
  const { source, settings, env } = plan
  if (source === 'web-identity' || source === 'web-identity-file') {
    // No token passed in: the provider requests a fresh GitHub ID token (or re-reads the file) each time.
    const { webIdentityProvider } = await import('../auth/web-identity.js')
    return (await webIdentityProvider(settings, env).obtain()).credentials
  }
  const { assumeRoleWith } = await import('../auth/assume-role.js')
  if (source === 'assume-role') {
    const { storedCredentials } = await import('../auth/stored-keys.js')
    return (await assumeRoleWith(settings, storedCredentials(settings), source, env)).credentials
  }
  return (await assumeRoleWith(settings, await chainCredentials(plan.chainSource), source, env)).credentials
}

async function chainCredentials(chain: ChainSource | undefined): Promise<AwsCredentials> {
  if (chain === undefined) {
    throw new Error('role-chaining had no source credentials to assume the role with again')
  }
  return chain.kind === 'keys' ? chain.credentials : readEndpoint(chain.url, chain.token)
}

/**
 * A renewal that can never succeed again: GitHub refused to issue the job a token (4xx other than 429),
 * which is what it does once the job has ended. Read from the error's causes (oidc-request.ts).
 */
export function isRefusedForGood(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const status = (cause as { status?: unknown }).status
    if (
      cause.name === 'TokenRequestError' &&
      typeof status === 'number' &&
      status >= 400 &&
      status < 500 &&
      status !== 429 &&
      status !== 408
    ) {
      return true
    }
  }
  return false
}
