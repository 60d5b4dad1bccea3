import * as core from '@actions/core'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult } from '../checks/check-result.js'
import { checkData } from '../checks/check-data.js'
import type { MigrationSettings, Settings } from '../inputs.js'

/** What the migration stage reads of the settings: its own inputs, and how to reach AWS. */
export type MigrationStageSettings = MigrationSettings &
  Pick<Settings, 'region' | 'retryMaxAttempts' | 'stsEndpoint'>

/**
 * The migration stage (migrate-to-oidc other than off): plan, or plan and apply, the OIDC role that
 * replaces the credentials' IAM user. Its code loads only then. It never changes what the step exports.
 */
export async function runMigration(
  settings: MigrationStageSettings,
  obtained: ObtainedCredentials,
  results: readonly CheckResult[]
): Promise<void> {
  if (settings.migrateToOidc === 'off') return
  const { migrate } = await import('./migrate.js')
  await core.group(`Migrate to OIDC (${settings.migrateToOidc})`, () =>
    migrate(settings, obtained.credentials, checkData(results).identity?.arn)
  )
}
