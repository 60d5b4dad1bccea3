import type { getOctokit } from '@actions/github'
import sodium from 'libsodium-wrappers'
import type { PublicKey, SecretLocation, SecretTarget, SecretMetadata } from './secret-location.js'

type Octokit = ReturnType<typeof getOctokit>

function base(location: SecretLocation): string {
  const part = encodeURIComponent
  if (location.kind === 'organization') return `/orgs/${part(location.owner)}/actions/secrets`
  const repo = `/repos/${part(location.owner)}/${part(location.repo)}`
  if (location.kind === 'environment') return `${repo}/environments/${part(location.environment)}/secrets`
  return `${repo}/actions/secrets`
}

/** The GitHub Actions secrets REST API, through @actions/github's Octokit (honours GITHUB_API_URL). */
export class GithubSecrets {
  constructor(private readonly octokit: Octokit) {}

  static async create(token: string): Promise<GithubSecrets> {
    const { getOctokit } = await import('@actions/github')
    return new GithubSecrets(getOctokit(token))
  }

  async readPublicKey(location: SecretLocation): Promise<PublicKey> {
    const { data } = await this.octokit.request(`GET ${base(location)}/public-key`)
    const { key_id: keyId, key } = data as { key_id: string; key: string }
    return { keyId, key }
  }

  /** The secret's metadata; undefined when it does not exist yet. */
  async readMetadata(target: SecretTarget): Promise<SecretMetadata | undefined> {
    try {
      const { data } = await this.octokit.request(
        `GET ${base(target.location)}/${encodeURIComponent(target.name)}`
      )
      const { updated_at: updatedAt, visibility } = data as { updated_at: string; visibility?: string }
      if (visibility !== 'selected') return { updatedAt: new Date(updatedAt), visibility }
      // A write must repeat the selection, or the secret could lose its repositories.
      const path = `GET ${base(target.location)}/${encodeURIComponent(target.name)}/repositories`
      const repositories = await this.octokit.paginate<{ id: number }>(path, { per_page: 100 })
      return {
        updatedAt: new Date(updatedAt),
        visibility,
        selectedRepositoryIds: repositories.map(r => r.id)
      }
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined
      throw error
    }
  }

  /**
   * Seals `value` with the scope's public key (libsodium sealed box) and stores it. Organization secrets
   * need a visibility: the one they have is kept, with its repositories (`private` for a new one).
   */
  async write(
    target: SecretTarget,
    value: string,
    publicKey: PublicKey,
    before?: SecretMetadata
  ): Promise<void> {
    await sodium.ready
    const sealed = sodium.crypto_box_seal(
      sodium.from_string(value),
      sodium.from_base64(publicKey.key, sodium.base64_variants.ORIGINAL)
    )
    await this.octokit.request(`PUT ${base(target.location)}/${encodeURIComponent(target.name)}`, {
      encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL),
      key_id: publicKey.keyId,
      ...(target.location.kind === 'organization' ? { visibility: before?.visibility ?? 'private' } : {}),
      ...(before?.selectedRepositoryIds ? { selected_repository_ids: before.selectedRepositoryIds } : {})
    })
  }
}
