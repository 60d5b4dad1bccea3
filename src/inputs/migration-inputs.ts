import { InputError, list, matching, oneOf, quoted, type Read } from './read-input.js'

export const MIGRATE_MODES = ['off', 'plan', 'apply'] as const
/** off; plan: write the replacement role's files and change nothing; apply: create it and prove it. */
export type MigrateMode = (typeof MIGRATE_MODES)[number]

/** From stored keys to no keys (docs/migrate-to-oidc.md). */
export interface MigrationSettings {
  readonly migrateToOidc: MigrateMode
  /** The IAM user whose key the role replaces; undefined: the caller (which must then be a user). */
  readonly migrateUser?: string
  /** The role to create; undefined: github-<owner>-<repo>, sanitised when the repository is known. */
  readonly migrateRoleName?: string
  /** `sub` patterns the trust policy admits; empty: the repository, in both of GitHub's formats. */
  readonly migrateSubjects: readonly string[]
}

// IAM's user and role name charset; a role name is at most 64 characters, a user name at most 64.
const IAM_NAME = /^[\w+=,.@-]{1,64}$/
// A subject pattern: one line of printable text, at most IAM's condition value length we will ever need.
const SUBJECT = /^[^\s"]{1,256}$/

function readSubjects(read: Read): string[] {
  const subjects = list(read, 'migrate-subject')
  for (const subject of subjects) {
    if (!SUBJECT.test(subject)) {
      throw new InputError(
        'migrate-subject',
        `got ${quoted(subject)}. Expected sub patterns without spaces or quotes, e.g. repo:acme/app:environment:prod.`
      )
    }
    // `*` alone (or `repo:*`) admits every repository on GitHub.
    if (/^(repo:)?\*+$/.test(subject)) {
      throw new InputError(
        'migrate-subject',
        `got ${quoted(subject)}, which admits every repository on GitHub. Name the repository: repo:<owner>/<repo>:* or narrower.`
      )
    }
  }
  return [...new Set(subjects)]
}

export function readMigrationInputs(read: Read): MigrationSettings {
  return {
    migrateToOidc: oneOf(read, 'migrate-to-oidc', MIGRATE_MODES, 'off'),
    migrateUser: matching(
      read,
      'migrate-user',
      IAM_NAME,
      'an IAM user name (letters, digits and +=,.@_-, at most 64)'
    ),
    migrateRoleName: matching(
      read,
      'migrate-role-name',
      IAM_NAME,
      'an IAM role name (letters, digits and +=,.@_-, at most 64)'
    ),
    migrateSubjects: Object.freeze(readSubjects(read))
  }
}

export function validateMigrationInputs(settings: MigrationSettings): void {
  if (settings.migrateToOidc !== 'off') return
  const stray = (
    [
      ['migrate-user', settings.migrateUser !== undefined],
      ['migrate-role-name', settings.migrateRoleName !== undefined],
      ['migrate-subject', settings.migrateSubjects.length > 0]
    ] as const
  ).find(([, set]) => set)
  if (stray) {
    throw new InputError(
      stray[0],
      'only applies with migrate-to-oidc. Set migrate-to-oidc: plan (or apply), or remove it.'
    )
  }
}
