import type { AwsCredentials } from '../aws/aws-credentials.js'

export type { AwsCredentials } from '../aws/aws-credentials.js'

/** How the credentials were obtained, for the summary and the verdict. */
export type CredentialSource =
  | 'stored-keys'
  | 'assume-role'
  | 'web-identity'
  | 'web-identity-file'
  | 'role-chaining'
  | 'runner-credentials'
  | 'runner-assume-role'
  | 'existing-credentials'

export const SOURCE_LABELS: Readonly<Record<CredentialSource, string>> = {
  'stored-keys': 'stored access keys',
  'assume-role': 'stored access keys + AssumeRole',
  'web-identity': 'GitHub OIDC + AssumeRoleWithWebIdentity',
  'web-identity-file': 'web-identity-token-file + AssumeRoleWithWebIdentity',
  'role-chaining': 'environment credentials + AssumeRole (role chaining)',
  'runner-credentials': "the runner's own credentials",
  'runner-assume-role': "the runner's own credentials + AssumeRole",
  'existing-credentials': 'existing credentials (use-existing-credentials)'
}

/** The source as the summary and the report name it, with where the default chain found them. */
export function sourceLabel(obtained: Pick<ObtainedCredentials, 'source' | 'sourceDetail'>): string {
  const label = SOURCE_LABELS[obtained.source]
  return obtained.sourceDetail ? `${label}: ${obtained.sourceDetail}` : label
}

export interface ObtainedCredentials {
  /** What the job will use: exported only when the step succeeds. */
  readonly credentials: AwsCredentials
  readonly source: CredentialSource
  /**
   * The stored long-lived key these credentials come from (the keys themselves, or the keys a role was
   * assumed with). key-age inspects it; absent for OIDC, which involves no long-lived key.
   */
  readonly longLivedKey?: AwsCredentials
  /** ARN returned by the assume call, when a role was assumed. */
  readonly assumedRoleArn?: string
  /** Where the SDK's default provider chain found the credentials (e.g. "EC2 instance metadata"). */
  readonly sourceDetail?: string
  /** The credentials were already the job's (use-existing-credentials): nothing to export again. */
  readonly alreadyInEnvironment?: boolean
}

/** One credential source (stored keys, web identity, assume role, chaining). */
export interface CredentialProvider {
  readonly source: CredentialSource
  /** Obtains credentials and masks every secret in them before returning. */
  obtain(): Promise<ObtainedCredentials>
}
