import { ActionError } from '../runtime/action-error.js'
import { requestHandlerOptions } from '../aws/connections.js'
import type { AwsCredentials } from './credentials.js'

/** Where the SDK's default provider chain found credentials, by the feature flags it records. */
const CHAIN_SOURCES: readonly (readonly [RegExp, string])[] = [
  [
    /^CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN$|_STS_WEB_ID_TOKEN$/,
    'web identity token file (AWS_WEB_IDENTITY_TOKEN_FILE, e.g. EKS IRSA)'
  ],
  [/^CREDENTIALS_ENV_VARS$/, 'environment variables'],
  [/^CREDENTIALS_HTTP$/, 'container credentials (ECS task role, EKS Pod Identity, CodeBuild)'],
  [/^CREDENTIALS_IMDS$/, 'EC2 instance metadata (instance profile)'],
  [/PROCESS$/, 'credential_process of the shared profile'],
  [/SSO/, 'SSO profile'],
  [/^CREDENTIALS_PROFILE/, 'shared profile (~/.aws)']
]

/** The metadata endpoints answer in milliseconds when they exist; give up quickly when they do not. */
const METADATA_TIMEOUT_MS = 2_000
const METADATA_ATTEMPTS = 2

/** Names the chain's source from the SDK's `$source` record; "default provider chain" when it has none. */
export function chainSourceName(credentials: { $source?: object }): string {
  const features = Object.keys(credentials.$source ?? {})
  for (const [pattern, name] of CHAIN_SOURCES) {
    if (features.some(feature => pattern.test(feature))) return name
  }
  return 'default provider chain'
}

export interface ChainCredentials {
  readonly credentials: AwsCredentials
  /** Where they came from, for the summary: "EC2 instance metadata (instance profile)". */
  readonly sourceName: string
}

/**
 * The runner's own credentials, found the way every AWS SDK finds them: environment variables, the shared
 * profile (AWS_PROFILE), a web identity token file, container credentials (ECS, EKS Pod Identity,
 * CodeBuild), EC2 instance metadata. The SDK does the looking (`defaultProvider`), imported only when
 * needed. Undefined when none of them has credentials; metadata endpoints are given a short timeout.
 */
export async function findChainCredentials(): Promise<ChainCredentials | undefined> {
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node')
  try {
    const found = await defaultProvider({
      timeout: METADATA_TIMEOUT_MS,
      maxRetries: METADATA_ATTEMPTS - 1,
      // The STS/SSO calls some sources make (web identity token file, role profiles): same proxy and limits.
      clientConfig: { requestHandler: requestHandlerOptions() }
    })()
    return {
      credentials: {
        accessKeyId: found.accessKeyId,
        secretAccessKey: found.secretAccessKey,
        sessionToken: found.sessionToken,
        expiration: found.expiration
      },
      sourceName: chainSourceName(found as { $source?: object })
    }
  } catch (error) {
    // CredentialsProviderError: no source had credentials. Anything else (a broken profile) is worth saying.
    if ((error as { name?: string }).name === 'CredentialsProviderError') return undefined
    throw new ActionError(
      `Could not read the runner's own AWS credentials: ${error instanceof Error ? error.message : String(error)}. Check AWS_PROFILE and the shared config files, or give credentials as inputs.`,
      { cause: error }
    )
  }
}
