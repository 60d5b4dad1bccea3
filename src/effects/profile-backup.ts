import { mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { writeAtomically, type FileSnapshot } from './profile-files.js'

/** One shared file as it was before the main step wrote it. */
export interface BackedUpFile {
  /** The real file written (symlinks resolved). */
  readonly target: string
  /** Its previous bytes and mode; undefined when the action created it. */
  readonly original?: FileSnapshot
}

/** What the post step needs to undo the main step's writes. */
export interface ProfileBackup {
  readonly files: readonly BackedUpFile[]
  /** Directories the action created, outermost first; removed again when empty. */
  readonly createdDirectories: readonly string[]
}

interface Manifest {
  readonly version: 1
  readonly files: { target: string; original?: { mode: number; base64: string } }[]
  readonly createdDirectories: string[]
}

/**
 * Writes the backup to a 0600 file in a fresh 0700 directory under RUNNER_TEMP (which the runner
 * empties between jobs) and returns its path. The contents hold other profiles' secrets, which is why
 * only this path, never the contents, goes into the step state.
 */
export async function writeBackup(
  backup: ProfileBackup,
  runnerTemp: string = process.env.RUNNER_TEMP || tmpdir()
): Promise<string> {
  const manifest: Manifest = {
    version: 1,
    files: backup.files.map(({ target, original }) => ({
      target,
      original: original && { mode: original.mode, base64: original.bytes.toString('base64') }
    })),
    createdDirectories: [...backup.createdDirectories]
  }
  const dir = await mkdtemp(join(runnerTemp, 'aws-auth-check-profile-'))
  const path = join(dir, 'backup.json')
  await writeFile(path, JSON.stringify(manifest), { mode: 0o600, flag: 'wx' })
  return path
}

export async function readBackup(path: string): Promise<ProfileBackup> {
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest
  if (manifest.version !== 1) throw new Error(`unknown backup format version ${String(manifest.version)}`)
  return {
    files: manifest.files.map(({ target, original }) => ({
      target,
      original: original && { mode: original.mode, bytes: Buffer.from(original.base64, 'base64') }
    })),
    createdDirectories: manifest.createdDirectories
  }
}

function messageOf(error: unknown): string {
  const message = (error as Error | undefined)?.message
  return typeof message === 'string' ? message : String(error)
}

/**
 * Puts every file back to its exact previous bytes and mode, removes the files and (empty) directories
 * the action created, then deletes the backup. Keeps going past a failure so one stubborn file does not
 * leave the other changed; returns a message per problem for the caller to warn about.
 */
export async function restoreBackup(path: string): Promise<string[]> {
  const problems: string[] = []
  try {
    const backup = await readBackup(path)
    for (const { target, original } of backup.files) {
      try {
        if (original) await writeAtomically(target, original.bytes, original.mode)
        else await rm(target, { force: true })
      } catch (error) {
        problems.push(`Could not restore ${target}: ${messageOf(error)}`)
      }
    }
    for (const dir of [...backup.createdDirectories].reverse()) {
      try {
        await rmdir(dir)
      } catch (error) {
        // Something else put files there since: the directory is theirs now.
        const code = (error as NodeJS.ErrnoException).code
        if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') {
          problems.push(`Could not remove ${dir}: ${messageOf(error)}`)
        }
      }
    }
  } catch (error) {
    problems.push(`Could not read the profile backup ${path}: ${messageOf(error)}`)
  }
  // File then directory, never a recursive delete: the path comes from the step state.
  await rm(path, { force: true })
  await rmdir(dirname(path)).catch(() => undefined)
  return problems
}
