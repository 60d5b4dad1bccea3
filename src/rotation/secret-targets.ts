import {
  describeTarget,
  describeGithubError,
  type PublicKey,
  type SecretLocation,
  type SecretMetadata,
  type SecretTarget
} from './secret-location.js'
import type { Settings } from '../inputs/settings.js'

/** The GitHub calls rotation makes (GithubSecrets in the action, a stub in unit tests). */
export interface SecretsApi {
  readPublicKey(location: SecretLocation): Promise<PublicKey>
  readMetadata(target: SecretTarget): Promise<SecretMetadata | undefined>
  write(target: SecretTarget, value: string, publicKey: PublicKey, before?: SecretMetadata): Promise<void>
}

/** A secret to rotate, with what step 1 read about it. */
export interface PreparedTarget extends SecretTarget {
  /** Which half of the key it holds. */
  readonly holds: 'key-id' | 'secret'
  readonly publicKey: PublicKey
  readonly before?: SecretMetadata
}

export interface Repository {
  readonly owner: string
  readonly repo: string
}

/** Every place the key lives: the scope in this repository and each of rotate-repositories. Pure. */
export function secretLocations(
  settings: Pick<Settings, 'rotateSecretScope' | 'rotateRepositories'>,
  repository: Repository
): SecretLocation[] {
  const scope = settings.rotateSecretScope
  if (scope.kind === 'organization') return [{ kind: 'organization', owner: repository.owner }]
  const repositories = [
    repository,
    ...settings.rotateRepositories
      .map(r => ({ owner: r.split('/')[0]!, repo: r.split('/')[1]! }))
      .filter(
        r => `${r.owner}/${r.repo}`.toLowerCase() !== `${repository.owner}/${repository.repo}`.toLowerCase()
      )
  ]
  return repositories.map(r =>
    scope.kind === 'environment'
      ? { kind: 'environment', ...r, environment: scope.environment }
      : { kind: 'repository', ...r }
  )
}

/** An error that already says which secret or scope it is about. */
export class TargetError extends Error {}

/**
 * Step 1, GitHub half: the public key of every location and the metadata of both secrets in it. A
 * token that cannot reach a target fails here, before anything changes.
 */
export async function prepareTargets(
  github: SecretsApi,
  locations: readonly SecretLocation[],
  names: readonly [string, string]
): Promise<PreparedTarget[]> {
  const prepared = await Promise.all(
    locations.map(async location => {
      const where = describeTarget({ location, name: names[0] }).replace(/ secret \S+/, ' secrets')
      try {
        const [publicKey, ...before] = await Promise.all([
          github.readPublicKey(location),
          ...names.map(name => github.readMetadata({ location, name }))
        ])
        return names.map(
          (name, i) =>
            ({ location, name, holds: i === 0 ? 'key-id' : 'secret', publicKey, before: before[i] }) as const
        )
      } catch (error) {
        throw new TargetError(`could not read the ${where}: ${describeGithubError(error)}`, { cause: error })
      }
    })
  )
  return prepared.flat()
}

export interface KeyValues {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/** The value a target gets for a key: its id or its secret. */
export const valueFor = (target: PreparedTarget, key: KeyValues): string =>
  target.holds === 'key-id' ? key.accessKeyId : key.secretAccessKey

/** Writes a key to targets, all at once; resolves to the ones that failed, with why. */
export async function writeKey(
  github: SecretsApi,
  targets: readonly PreparedTarget[],
  key: KeyValues
): Promise<{ target: PreparedTarget; cause: string }[]> {
  const settled = await Promise.allSettled(
    targets.map(t => github.write(t, valueFor(t, key), t.publicKey, t.before))
  )
  return settled.flatMap((s, i) =>
    s.status === 'rejected' ? [{ target: targets[i]!, cause: describeGithubError(s.reason) }] : []
  )
}
