import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * What the endpoint process tells the post step: its own log, in a file only the job's user can read.
 * Times and messages only, never a credential (renewal errors are action error messages).
 */
export interface RefreshStatus {
  readonly pid: number
  readonly startedAt: string
  /** When each renewal succeeded, oldest first, and until when that session was valid. */
  readonly renewals: readonly { readonly at: string; readonly expiresAt: string }[]
  /** Failed attempts since the last success. */
  readonly failures: number
  readonly lastError?: { readonly at: string; readonly message: string }
  /** Why the process stopped on its own (renewal refused for good). */
  readonly stopped?: string
}

/** Written whole, then renamed over the old one: a reader never sees half a file. */
export async function writeStatus(path: string, status: RefreshStatus): Promise<void> {
  const partial = `${path}.${process.pid}.tmp`
  await writeFile(partial, JSON.stringify(status), { mode: 0o600 })
  await rename(partial, path)
}

export async function readStatus(path: string): Promise<RefreshStatus | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as RefreshStatus
  } catch {
    return undefined
  }
}

/** The endpoint's folder (status file, the profile's token file): in the job's temp folder, owner only. */
export function refreshFolder(
  env: Readonly<Record<string, string | undefined>> = process.env
): Promise<string> {
  return mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'aws-auth-check-refresh-'))
}
