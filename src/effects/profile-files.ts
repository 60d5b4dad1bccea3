import { randomBytes } from 'node:crypto'
import { chmod, lstat, mkdir, open, readFile, readlink, rename, rm, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import path, { basename, dirname, join, resolve } from 'node:path'

/** Where the AWS SDKs and CLI look for the shared files, as configured in this process's environment. */
export interface ProfilePaths {
  readonly credentials: string
  readonly config: string
}

/** A file's bytes and permission bits, as found before the action touched it. */
export interface FileSnapshot {
  readonly bytes: Buffer
  readonly mode: number
}

const MAX_SYMLINK_HOPS = 32

// The same home directory and `~/` expansion as the SDK's shared-ini-file-loader, so a later step
// using the profile reads the very file written here.
function homeDirectory(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME
  if (env.USERPROFILE) return env.USERPROFILE
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}`
  return homedir()
}

function expandHome(file: string, home: string, paths: path.PlatformPath): string {
  return /^~[/\\]/.test(file) ? paths.join(home, file.slice(2)) : file
}

/**
 * Honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE; otherwise `~/.aws/credentials` and `~/.aws/config`.
 * `paths` is the runner OS's path module (tests pass path.win32 to check Windows runners' paths).
 */
export function profilePaths(
  env: NodeJS.ProcessEnv = process.env,
  paths: path.PlatformPath = path
): ProfilePaths {
  const home = homeDirectory(env)
  return {
    credentials: paths.resolve(
      expandHome(env.AWS_SHARED_CREDENTIALS_FILE || paths.join(home, '.aws', 'credentials'), home, paths)
    ),
    config: paths.resolve(expandHome(env.AWS_CONFIG_FILE || paths.join(home, '.aws', 'config'), home, paths))
  }
}

// Duck-typed rather than `instanceof Error`: Node's fs errors come from another realm under jest's VM.
function hasCode(error: unknown, ...codes: string[]): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && codes.includes(code)
}

/**
 * The file a path really names: symlinks are followed, also a dangling one, so the write goes through
 * the link to its target instead of replacing the link with a regular file.
 */
export async function resolveTarget(path: string): Promise<string> {
  let current = resolve(path)
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
    try {
      if (!(await lstat(current)).isSymbolicLink()) return current
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return current
      throw error
    }
    current = resolve(dirname(current), await readlink(current))
  }
  throw new Error(`${path}: too many levels of symbolic links`)
}

/** The file's bytes and mode, or undefined when it does not exist. */
export async function readSnapshot(path: string): Promise<FileSnapshot | undefined> {
  try {
    const [bytes, stats] = await Promise.all([readFile(path), stat(path)])
    return { bytes, mode: stats.mode & 0o7777 }
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return undefined
    throw error
  }
}

/** Directories that must be created for `path` to exist, outermost first. */
export async function missingDirectories(path: string): Promise<string[]> {
  const missing: string[] = []
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    try {
      await stat(dir)
      return missing
    } catch (error) {
      if (!hasCode(error, 'ENOENT') || dirname(dir) === dir) throw error
      missing.unshift(dir)
    }
  }
}

/** Creates directories (outermost first) readable by the owner only: `~/.aws` holds secrets. */
export async function createDirectories(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    await mkdir(dir, { mode: 0o700 })
    await chmod(dir, 0o700)
  }
}

/**
 * Replaces the file's contents atomically: a reader sees the old or the new bytes, never a half-written
 * file. The temporary file is created beside the target (a rename cannot cross file systems) with the
 * final mode already set, so the secrets are never readable by others, whatever the umask.
 */
export async function writeAtomically(target: string, bytes: Buffer, mode: number): Promise<void> {
  const temporary = join(
    dirname(target),
    // Shortened: with the suffix, a long file name must not become too long a name for the temp file.
    `.${basename(target).slice(0, 64)}.aws-auth-check-${process.pid}-${randomBytes(4).toString('hex')}`
  )
  try {
    const handle = await open(temporary, 'wx', mode)
    try {
      // Windows has no POSIX modes (chmod only toggles read-only there); the user profile's ACL applies.
      if (process.platform !== 'win32') await handle.chmod(mode)
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
