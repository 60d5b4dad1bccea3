import { createIamClient, clientOptions, type ClientSettings } from '../aws/clients.js'
import type { AwsCredentials } from '../auth/credentials.js'
import type { ListedKey } from './plan.js'

/** A key CreateAccessKey just made: its secret is masked by the caller at once. */
export interface CreatedKey {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly createDate: Date
  readonly userName: string
}

/**
 * The IAM calls rotation makes, all signed with the stored key and without UserName, so IAM acts on the
 * user that owns the key (what the self-rotation policy on `user/${aws:username}` allows).
 */
export interface KeyApi {
  list(): Promise<{ userName: string; keys: ListedKey[] }>
  create(): Promise<CreatedKey>
  deactivate(accessKeyId: string): Promise<void>
  remove(accessKeyId: string): Promise<void>
}

export function iamKeyApi(settings: ClientSettings, storedKey: AwsCredentials): KeyApi {
  const api = createIamClient(clientOptions(settings, storedKey))
  return {
    async list() {
      const { client, sdk } = await api
      const keys: ListedKey[] = []
      let userName = ''
      let marker: string | undefined
      do {
        const page = await client.send(new sdk.ListAccessKeysCommand({ Marker: marker }))
        for (const key of page.AccessKeyMetadata ?? []) {
          userName ||= key.UserName ?? ''
          if (key.AccessKeyId && key.CreateDate) {
            keys.push({ id: key.AccessKeyId, status: key.Status ?? 'Active', createDate: key.CreateDate })
          }
        }
        marker = page.IsTruncated ? page.Marker : undefined
      } while (marker)
      return { userName, keys }
    },
    async create() {
      const { client, sdk } = await api
      const { AccessKey: key } = await client.send(new sdk.CreateAccessKeyCommand({}))
      if (!key?.AccessKeyId || !key.SecretAccessKey) {
        throw new Error('CreateAccessKey answered without a key id and secret')
      }
      return {
        accessKeyId: key.AccessKeyId,
        secretAccessKey: key.SecretAccessKey,
        createDate: key.CreateDate ?? new Date(),
        userName: key.UserName ?? ''
      }
    },
    async deactivate(accessKeyId) {
      const { client, sdk } = await api
      await client.send(new sdk.UpdateAccessKeyCommand({ AccessKeyId: accessKeyId, Status: 'Inactive' }))
    },
    async remove(accessKeyId) {
      const { client, sdk } = await api
      await client.send(new sdk.DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }))
    }
  }
}
