import * as core from '@actions/core'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult } from '../checks/check-result.js'
import { checkData } from '../checks/check-data.js'
import type { MigrationSettings, Settings } from '../inputs/settings.js'
import type { TimelineEntry } from '../steps/timeline.js'
import type { MigrationPlan } from './plan.js'

/** What the migration stage reads of the settings: its own inputs, and how to reach AWS. */
export type MigrationStageSettings = MigrationSettings &
  Pick<Settings, 'region' | 'retryMaxAttempts' | 'stsEndpoint'>

/** What a migration did, for the job summary; `failure` when apply failed (the step then fails). */
export interface MigrationOutcome {
  readonly plan: MigrationPlan
  /** Where the plan's files are. */
  readonly dir: string
  readonly timeline: readonly TimelineEntry[]
  /** How it ended, in a sentence. */
  readonly result: string
  readonly failure?: string
}

/**
 * The migration stage (migrate-to-oidc other than off): plan, or plan and apply, the OIDC role that
 * replaces the credentials' IAM user. Its code loads only then. It never changes what the step exports.
 * Returns what it did for the pipeline's summary (undefined when off).
 */
export async function runMigration(
  settings: MigrationStageSettings,
  obtained: ObtainedCredentials,
  results: readonly CheckResult[]
): Promise<MigrationOutcome | undefined> {
  if (settings.migrateToOidc === 'off') return undefined
  const { migrate } = await import('./migrate.js')
  return core.group(`Migrate to OIDC (${settings.migrateToOidc})`, () =>
    migrate(settings, obtained.credentials, checkData(results).identity?.arn)
  )
}
