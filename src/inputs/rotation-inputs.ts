import { isTemporaryKeyId } from '../aws/access-key-id.js'
import { InputError, boolean, integer, list, oneOf, text, type Read } from './read-input.js'

export const ROTATE_MODES = ['never', 'warned', 'expired', 'always'] as const
/** When the stored key is replaced: never; past warn-key-age-days; past max-key-age-days; every run. */
export type RotateMode = (typeof ROTATE_MODES)[number]

/** Where the secrets that hold the key live. */
export type SecretScope =
  | { readonly kind: 'repository' }
  | { readonly kind: 'environment'; readonly environment: string }
  | { readonly kind: 'organization' }

/** Key rotation (docs/rotation.md). */
export interface RotationSettings {
  readonly rotateKey: RotateMode
  /** Names of the secrets holding the key id and the secret access key, in that order. */
  readonly rotateSecrets: readonly [string, string]
  readonly rotateSecretScope: SecretScope
  /** More owner/name repositories whose secrets of those names hold the same key. */
  readonly rotateRepositories: readonly string[]
  readonly rotateDryRun: boolean
  /** An Inactive key retired by a rotation at least this many days ago is deleted by the next one. */
  readonly retireAfterDays: number
}

// GitHub: letters, digits and underscores, not starting with a digit or GITHUB_.
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/
const ENVIRONMENT = /^[^/\\:*?"<>|,]{1,255}$/

function readSecretNames(read: Read): [string, string] {
  const names = list(read, 'rotate-secrets')
  if (names.length === 0) return ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']
  const bad = names.find(n => !SECRET_NAME.test(n) || /^GITHUB_/i.test(n))
  if (bad !== undefined) {
    throw new InputError(
      'rotate-secrets',
      `'${bad}' is not a GitHub secret name. Expected letters, digits and underscores, not starting with a digit or GITHUB_.`
    )
  }
  if (names.length !== 2 || names[0]!.toUpperCase() === names[1]!.toUpperCase()) {
    throw new InputError(
      'rotate-secrets',
      `got ${names.length} name(s). Expected two different secret names: the one holding the key id, then the one holding the secret access key (e.g. AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY).`
    )
  }
  return [names[0]!, names[1]!]
}

function readScope(read: Read): SecretScope {
  const value = text(read, 'rotate-secret-scope')
  if (value === '' || value === 'repository') return { kind: 'repository' }
  if (value === 'organization') return { kind: 'organization' }
  const environment = /^environment:(.*)$/.exec(value)?.[1]?.trim()
  if (environment !== undefined && ENVIRONMENT.test(environment)) return { kind: 'environment', environment }
  throw new InputError(
    'rotate-secret-scope',
    `got '${value}'. Expected repository, environment:NAME (the name of a GitHub environment) or organization.`
  )
}

function readRepositories(read: Read): string[] {
  const repositories = list(read, 'rotate-repositories')
  const bad = repositories.find(r => !REPOSITORY.test(r))
  if (bad !== undefined) {
    throw new InputError(
      'rotate-repositories',
      `got '${bad}'. Expected comma-separated owner/name repositories.`
    )
  }
  return [...new Set(repositories)]
}

export function readRotationInputs(read: Read): RotationSettings {
  return {
    rotateKey: oneOf(read, 'rotate-key', ROTATE_MODES, 'never'),
    rotateSecrets: Object.freeze(readSecretNames(read)),
    rotateSecretScope: Object.freeze(readScope(read)),
    rotateRepositories: Object.freeze(readRepositories(read)),
    rotateDryRun: boolean(read, 'rotate-dry-run', false),
    retireAfterDays: integer(read, 'retire-after-days', 7, 1, 3650)
  }
}

/** What rotation needs from the other inputs: a stored long-lived key of its own, and a GitHub token. */
interface RotationContext extends RotationSettings {
  readonly accessKeyId?: string
  readonly sessionToken?: string
  readonly githubToken?: string
}

export function validateRotationInputs(settings: RotationContext): void {
  if (settings.rotateKey === 'never') {
    if (settings.rotateDryRun) {
      throw new InputError(
        'rotate-dry-run',
        'only applies with rotate-key. Set rotate-key (e.g. always), or remove rotate-dry-run.'
      )
    }
    return
  }
  if (settings.accessKeyId === undefined || isTemporaryKeyId(settings.accessKeyId) || settings.sessionToken) {
    throw new InputError(
      'rotate-key',
      'rotates the stored long-lived key (AKIA…) of an IAM user, but no such key was given. Pass aws-access-key-id and aws-secret-access-key from the secrets named in rotate-secrets, without aws-session-token; with OIDC there is no key to rotate.'
    )
  }
  if (settings.githubToken === undefined) {
    throw new InputError(
      'github-token',
      "is empty, and rotate-key needs it to write the new key into the secrets. Pass a fine-grained token or GitHub App token with Secrets: read and write (the job's GITHUB_TOKEN cannot write secrets)."
    )
  }
  if (settings.rotateSecretScope.kind === 'organization' && settings.rotateRepositories.length > 0) {
    throw new InputError(
      'rotate-repositories',
      'applies to repository and environment secrets; an organization secret is one secret shared by its repositories. Remove rotate-repositories, or use rotate-secret-scope: repository.'
    )
  }
}
