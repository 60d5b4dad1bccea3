import * as core from '@actions/core'
import { formatKeyId } from '../aws/access-key-id.js'
import { readRaw, type Read } from './read-input.js'
import {
  readCredentialInputs,
  validateCredentialInputs,
  validateRoleInputs,
  type CredentialSettings
} from './credential-inputs.js'
import { readEnvironmentInputs, type EnvironmentSettings } from './environment-inputs.js'
import { readSessionInputs, validateSessionInputs, type SessionSettings } from './session-inputs.js'
import { readNetworkInputs, validateNetworkInputs, type NetworkSettings } from './network-inputs.js'
import { redactUrl } from '../aws/redact-url.js'
import { readCheckInputs, validateCheckInputs, type CheckSettings } from './check-inputs.js'
import { readOutputInputs, type OutputSettings } from './output-inputs.js'
import { readAuditInputs, validateAuditInputs, type AuditSettings } from './audit-inputs.js'
import { readPermissionInputs, withPermissionsCheck, type PermissionSettings } from './permission-inputs.js'
import { readOrganizationInputs, type OrganizationSettings } from './organization-inputs.js'
import { readRotationInputs, validateRotationInputs, type RotationSettings } from './rotation-inputs.js'
import { readMigrationInputs, validateMigrationInputs, type MigrationSettings } from './migration-inputs.js'
import { readRefreshInputs, validateRefreshInputs, type RefreshSettings } from './refresh-inputs.js'

export { InputError, type Read } from './read-input.js'
export { CHECK_NAMES, type CheckName } from './check-inputs.js'
export type { AuditScope } from './audit-inputs.js'
export type { RequiredPermission } from './permission-inputs.js'
export type { AuditShard } from './organization-inputs.js'
export type { RotateMode, SecretScope } from './rotation-inputs.js'
export type { SessionTag } from './session-inputs.js'
export type { MigrateMode, MigrationSettings } from './migration-inputs.js'

/**
 * Every input, validated and typed: one part per concern (src/inputs/), each documented where it is read.
 * Produced once by {@link readSettings}; frozen.
 */
export type Settings = CredentialSettings &
  EnvironmentSettings &
  SessionSettings &
  NetworkSettings &
  CheckSettings &
  OutputSettings &
  AuditSettings &
  OrganizationSettings &
  PermissionSettings &
  RotationSettings &
  MigrationSettings &
  RefreshSettings

/** The Settings fields that hold secrets: never logged. */
const SECRET_FIELDS = new Set(['secretAccessKey', 'sessionToken', 'githubToken'])

/** How a settings value appears in the debug log: secrets hidden, key ids as AKIA…last4. */
function describeForLog(field: string, value: unknown): string {
  if (value === undefined) return 'undefined'
  if (SECRET_FIELDS.has(field)) return '***'
  if (field === 'accessKeyId') return formatKeyId(String(value))
  if (field === 'httpProxy') return JSON.stringify(redactUrl(String(value)))
  return JSON.stringify(value)
}

/**
 * Reads and validates every input; the only entry to `core.getInput` (through src/inputs/). Throws
 * {@link InputError} before anything touches the network.
 */
export function readSettings(read: Read = readRaw): Settings {
  const permissions = readPermissionInputs(read)
  const settings: Settings = {
    ...readCredentialInputs(read),
    ...readEnvironmentInputs(read),
    ...readSessionInputs(read),
    ...readNetworkInputs(read),
    ...withPermissionsCheck(readCheckInputs(read), permissions),
    ...readOutputInputs(read),
    ...readAuditInputs(read),
    ...readOrganizationInputs(read),
    ...permissions,
    ...readRotationInputs(read),
    ...readMigrationInputs(read),
    ...readRefreshInputs(read)
  }
  validateCredentialInputs(settings)
  validateCheckInputs(settings)
  validateRoleInputs(settings)
  validateSessionInputs(settings)
  validateNetworkInputs(settings)
  validateAuditInputs(settings)
  validateRotationInputs(settings)
  validateMigrationInputs(settings)
  validateRefreshInputs(settings)
  // The dump is shown only with step debug; written without it, its ~55 lines cost each run a few ms.
  if (core.isDebug()) {
    for (const [field, value] of Object.entries(settings)) {
      core.debug(`input ${field} = ${describeForLog(field, value)}`)
    }
  }
  return Object.freeze(settings)
}
