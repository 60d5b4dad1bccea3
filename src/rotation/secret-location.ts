// Where rotated secrets live and how they are named in messages; kept apart from the writer so the
// summary can name targets without loading libsodium.

/** Where secrets live: a repository, one of its environments, or an organization. */
export type SecretLocation =
  | { readonly kind: 'repository'; readonly owner: string; readonly repo: string }
  | {
      readonly kind: 'environment'
      readonly owner: string
      readonly repo: string
      readonly environment: string
    }
  | { readonly kind: 'organization'; readonly owner: string }

export interface SecretTarget {
  readonly location: SecretLocation
  readonly name: string
}

/** A scope's public key: secrets are sealed with it, and key_id tells GitHub which one. */
export interface PublicKey {
  readonly keyId: string
  readonly key: string
}

export interface SecretMetadata {
  readonly updatedAt: Date
  /** Organization secrets only: all, private or selected. */
  readonly visibility?: string
  /** Organization secrets with visibility `selected`: the repositories that may use it. */
  readonly selectedRepositoryIds?: readonly number[]
}

/** How a secret is named in messages: `repository secret AWS_ACCESS_KEY_ID of octo-org/octo-repo`. */
export function describeTarget(target: SecretTarget): string {
  const { location: at, name } = target
  if (at.kind === 'organization') return `organization secret ${name} of ${at.owner}`
  if (at.kind === 'environment') {
    return `environment secret ${name} (environment ${at.environment}) of ${at.owner}/${at.repo}`
  }
  return `repository secret ${name} of ${at.owner}/${at.repo}`
}

/** What a GitHub API failure means for the person reading the log. */
export function describeGithubError(error: unknown): string {
  const status = (error as { status?: number } | null)?.status
  const message = error instanceof Error ? error.message : String(error)
  switch (status) {
    case 401:
      return `GitHub rejected github-token (HTTP 401: ${message})`
    case 403:
      return `GitHub refused (HTTP 403: ${message}): github-token needs Secrets read and write on this target (a fine-grained token or GitHub App token; the job's GITHUB_TOKEN cannot write secrets)`
    case 404:
      return `not found with this token (HTTP 404): check the repository, environment or organization name and that github-token can reach it`
    default:
      return status ? `HTTP ${status}: ${message}` : message
  }
}
