import { createIamClient, type ClientOptions } from '../aws/clients.js'

/** The IAM client with every command the migration sends: the checks' lazy module and its own. */
export async function migrationIam(options: ClientOptions) {
  const [{ client, sdk }, commands] = await Promise.all([
    createIamClient(options),
    import('../aws/iam-migration-sdk.js')
  ])
  return { client, sdk: { ...sdk, ...commands } }
}

export type MigrationIam = Awaited<ReturnType<typeof migrationIam>>

/** Every item of a Marker-paged IAM list. */
export async function allPages<T>(
  page: (marker: string | undefined) => Promise<{ items: T[]; IsTruncated?: boolean; Marker?: string }>
): Promise<T[]> {
  const items: T[] = []
  let marker: string | undefined
  do {
    const answer = await page(marker)
    items.push(...answer.items)
    marker = answer.IsTruncated ? answer.Marker : undefined
  } while (marker)
  return items
}

/** IAM answers policy documents URL-encoded (RFC 3986); the plan keeps the JSON text. */
export function decodePolicy(encoded: string | undefined): string {
  return decodeURIComponent(encoded ?? '{}')
}
