import * as core from '@actions/core'
import type { Settings } from '../inputs/settings.js'
import { InputError } from '../inputs/settings.js'
import { ActionError } from '../runtime/action-error.js'
import type { AwsCredentials } from '../auth/credentials.js'
import { saveStepState } from '../runtime/step-state.js'
import { findProfile, spliceProfile, type ProfileFileKind, type SectionValues } from './profile-splice.js'
import {
  createDirectories,
  missingDirectories,
  profilePaths,
  readSnapshot,
  resolveTarget,
  writeAtomically,
  type FileSnapshot
} from './profile-files.js'
import { writeBackup } from './profile-backup.js'

interface SharedFile {
  readonly kind: ProfileFileKind
  /** The path as configured (for messages). */
  readonly path: string
  /** The real file behind it (symlinks followed). */
  readonly target: string
  readonly original?: FileSnapshot
}

/** Runs a file operation, turning a bare fs error into one that says which file and what to do. */
async function onFile<T>(action: string, path: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    const cause = (error as Error | undefined)?.message ?? String(error)
    throw new ActionError(
      `Could not ${action} ${path} for aws-profile: ${cause}. Make it ${action === 'read' ? 'readable' : 'writable'} by the runner's user, point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE elsewhere, or remove aws-profile.`,
      { cause: error }
    )
  }
}

async function readSharedFiles(): Promise<SharedFile[]> {
  const paths = profilePaths()
  const files = await Promise.all(
    (['credentials', 'config'] as const).map(kind =>
      onFile('read', paths[kind], async () => {
        const target = await resolveTarget(paths[kind])
        return { kind, path: paths[kind], target, original: await readSnapshot(target) }
      })
    )
  )
  if (files[0].target === files[1].target) {
    throw new ActionError(
      `AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE both name ${files[0].target}; the profile needs two separate files. Point them at different files, or remove aws-profile.`
    )
  }
  return files
}

// latin1 maps each byte to one character and back, so bytes the splice does not touch survive exactly.
function text(file: SharedFile): string {
  return file.original?.bytes.toString('latin1') ?? ''
}

function rejectExisting(
  files: readonly SharedFile[],
  settings: Pick<Settings, 'overwriteAwsProfile'>,
  profile: string
): void {
  if (settings.overwriteAwsProfile) return
  const found = files.flatMap(file =>
    findProfile(text(file), file.kind, profile).map(line => `${file.path} line ${line}`)
  )
  if (found.length > 0) {
    throw new InputError(
      'aws-profile',
      `profile '${profile}' already exists (${found.join(', ')}). Choose another aws-profile, or set overwrite-aws-profile: true to replace it.`
    )
  }
}

/**
 * Fails before any AWS call when aws-profile names a profile that is already in the shared files and
 * overwrite-aws-profile is not set: the conflict is the user's to resolve, not worth a round trip.
 */
export async function assertProfileWritable(
  settings: Pick<Settings, 'awsProfile' | 'overwriteAwsProfile'>
): Promise<void> {
  if (settings.awsProfile === undefined) return
  rejectExisting(await readSharedFiles(), settings, settings.awsProfile)
}

/** refresh-credentials: a command that prints the renewed session, instead of keys (src/refresh/). */
export interface CredentialProcess {
  readonly credentialProcess: string
}

function sectionValues(
  kind: ProfileFileKind,
  settings: Pick<Settings, 'region'>,
  credentials: AwsCredentials | CredentialProcess
): SectionValues {
  if (kind === 'config') {
    return [
      ['region', settings.region],
      ['output', 'json']
    ]
  }
  if ('credentialProcess' in credentials) return [['credential_process', credentials.credentialProcess]]
  const values: [string, string][] = [
    ['aws_access_key_id', credentials.accessKeyId],
    ['aws_secret_access_key', credentials.secretAccessKey]
  ]
  if (credentials.sessionToken) values.push(['aws_session_token', credentials.sessionToken])
  return values
}

/**
 * Writes the credentials as the aws-profile named profile (and exports AWS_PROFILE with
 * output-env-credentials). Called only when the
 * step succeeds. The previous files are backed up, and the backup's path saved for the post step,
 * before the first byte is written, so the post step can always put them back.
 */
export async function writeProfile(
  settings: Pick<Settings, 'awsProfile' | 'overwriteAwsProfile' | 'region' | 'outputEnvCredentials'>,
  credentials: AwsCredentials | CredentialProcess
): Promise<void> {
  const profile = settings.awsProfile
  if (profile === undefined) return
  const files = await readSharedFiles()
  rejectExisting(files, settings, profile)

  const updated = files.map(file => ({
    file,
    bytes: Buffer.from(
      spliceProfile(text(file), file.kind, profile, sectionValues(file.kind, settings, credentials)),
      'latin1'
    ),
    // Credentials are secret whatever the file's mode was; config keeps its mode (new: owner only).
    mode: file.kind === 'credentials' ? 0o600 : (file.original?.mode ?? 0o600)
  }))
  const missing = await Promise.all(files.map(file => missingDirectories(file.target)))
  const createdDirectories = [...new Set(missing.flat())].sort((a, b) => a.length - b.length)

  const backup = await onFile('write a backup to', process.env.RUNNER_TEMP || 'the temp directory', () =>
    writeBackup({ files: files.map(({ target, original }) => ({ target, original })), createdDirectories })
  )
  saveStepState('profileBackup', backup)
  if (createdDirectories.length > 0) {
    await onFile('create', createdDirectories[0], () => createDirectories(createdDirectories))
  }
  for (const { file, bytes, mode } of updated) {
    await onFile('write', file.path, () => writeAtomically(file.target, bytes, mode))
  }

  // As configure-aws-credentials: AWS_PROFILE only with output-env-credentials (false by default here).
  if (settings.outputEnvCredentials) core.exportVariable('AWS_PROFILE', profile)
  core.info(
    `Profile '${profile}' written to ${files.map(f => f.path).join(' and ')}; the post step restores them.`
  )
}
