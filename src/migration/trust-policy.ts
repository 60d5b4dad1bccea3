import { stsAudience, type Partition } from '../aws/partition.js'
import { GITHUB_PROVIDER_HOST } from './read-permissions.js'

/** The repository the job runs in, with GitHub's immutable ids when the runner gives them. */
export interface Repository {
  readonly owner: string
  readonly name: string
  /** GITHUB_REPOSITORY_OWNER_ID */
  readonly ownerId?: string
  /** GITHUB_REPOSITORY_ID */
  readonly id?: string
}

export function providerArn(partition: Partition, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_PROVIDER_HOST}`
}

/**
 * The default `sub` patterns: every ref, pull request and environment of this repository, in both of
 * GitHub's formats: by name (`repo:owner/name:…`) and, since 2026 on github.com, with the immutable ids
 * (`repo:owner-OWNERID/name-REPOID:…`, GitHub changelog 2026-04-23), so the role keeps working when the
 * repository moves to the id format and a recycled name cannot reach it once it has.
 */
export function defaultSubjects(repository: Repository): string[] {
  const { owner, name, ownerId, id } = repository
  const byName = `repo:${owner}/${name}:*`
  return ownerId && id ? [byName, `repo:${owner}-${ownerId}/${name}-${id}:*`] : [byName]
}

/** The role's trust policy: only GitHub's tokens for this audience and these subjects. */
export function trustPolicy(partition: Partition, accountId: string, subjects: readonly string[]) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: { Federated: providerArn(partition, accountId) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${GITHUB_PROVIDER_HOST}:aud`]: stsAudience(partition) },
          StringLike: {
            [`${GITHUB_PROVIDER_HOST}:sub`]: subjects.length === 1 ? subjects[0]! : [...subjects]
          }
        }
      }
    ]
  }
}

/** Whether a token's `sub` matches one of the patterns, as IAM's StringLike does (`*` and `?`). */
export function subjectAdmitted(subjects: readonly string[], sub: string): boolean {
  return subjects.some(pattern => {
    const regex = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
    return new RegExp(`^${regex}$`).test(sub)
  })
}
