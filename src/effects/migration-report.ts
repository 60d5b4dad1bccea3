import type { MigrationOutcome } from '../migration/run-migration.js'
import { ActionError } from '../runtime/action-error.js'
import { writeJobSummary } from './job-summary.js'

/**
 * The migration stage's effects: its section of the job summary, written whether apply worked or not;
 * then a failed apply fails the step. Nothing when migrate-to-oidc is off; the summary's code loads
 * only with it.
 */
export async function reportMigration(migration: MigrationOutcome | undefined): Promise<void> {
  if (migration === undefined) return
  const { renderMigrationSummary } = await import('../report/migration-summary.js')
  await writeJobSummary(() => renderMigrationSummary(migration))
  if (migration.failure !== undefined) throw new ActionError(migration.failure)
}
