import * as core from '@actions/core'
import type { Settings } from '../inputs/settings.js'
import type { HeadStart } from '../auth/head-start-requests.js'
import { maskCredentials } from '../runtime/masking.js'
import { selectProvider } from '../auth/select-provider.js'
import { preloadServiceClients } from '../aws/clients.js'
import { runChecks } from '../checks/run-checks.js'
import { auditGroupName, auditJobOf, runAudit } from '../audit/run-audit.js'
import { decide } from '../verdict/verdict.js'
import { setResultOutputs } from '../effects/outputs.js'
import { exportCredentials } from '../effects/export-credentials.js'
import { publishAudit } from '../effects/publish-audit.js'
import { writeJobSummary } from '../effects/job-summary.js'
import { logLines } from '../effects/log-lines.js'
import { renderSummary } from '../report/summary.js'
import { checkLines } from '../report/check-lines.js'
import { runRotation } from '../rotation/run-rotation.js'
import { withRotation } from '../rotation/rotated-key-result.js'
import { reportRotation } from '../effects/rotation-report.js'
import { runMigration } from '../migration/run-migration.js'
import { reportMigration } from '../effects/migration-report.js'
import { ActionError } from '../runtime/action-error.js'

/**
 * The pipeline after the head start: credentials → checks → audit → rotation → verdict → effects.
 * run-main.ts loads this module (and the AWS SDK with it) while the run's first request is in flight.
 */
export async function runPipeline(settings: Settings, headStart: HeadStart): Promise<void> {
  // Started first: the IAM and EC2 loads overlap the provider's own import instead of queuing behind it.
  preloadServiceClients(settings.checks)
  // refresh-credentials: the endpoint process boots while the credentials are obtained and checked.
  const refresh = settings.refreshCredentials
    ? (await import('../refresh/serve-refreshed.js')).prepareRefresh()
    : undefined
  const provider = await selectProvider(settings, process.env, headStart)
  const obtained = await core.group(`Obtain credentials (${provider.source})`, () => provider.obtain())
  maskCredentials(obtained.credentials)

  const now = new Date()
  const results = await core.group('Validate credentials', async () => {
    const checked = await runChecks({ settings, obtained, now, callerIdentity: headStart.callerIdentity })
    logLines(checkLines(checked))
    return checked
  })
  // The audit returns its outcome; its effects (findings-count, summary, issue) run in its log group.
  const auditJob = auditJobOf({ settings, obtained, results, now })
  const audit =
    auditJob &&
    (await core.group(auditGroupName(auditJob), async () => publishAudit(settings, await runAudit(auditJob))))
  // After a rotation, what follows judges and exports the new key.
  const rotation = await runRotation({ settings, obtained, results, audit, now })
  await reportMigration(await runMigration(settings, obtained, results))
  const { obtained: used, results: judged } = rotation
  const verdict = withRotation(await decide(settings, used, judged, audit), rotation.outcome)

  setResultOutputs(used, judged, verdict)
  for (const warning of verdict.warnings) core.warning(warning)
  // The JSON report's code loads only when report-path asks for one.
  if (settings.reportPath !== undefined) {
    const [{ writeReport }, { buildValidationReport }] = await Promise.all([
      import('../effects/write-report.js'),
      import('../report/validation-report.js')
    ])
    await writeReport(
      settings.reportPath,
      audit?.report ?? buildValidationReport(settings, used, judged, verdict, now)
    )
  }
  await writeJobSummary(() => renderSummary(settings, used, judged, verdict))
  await reportRotation(rotation)

  if (!verdict.ok) throw new ActionError(verdict.failure ?? 'validation failed')
  // Before the export: if the profile cannot be written, the step fails with nothing exported.
  // refresh-credentials: an endpoint serves and renews the session; the profile and environment point at it.
  if (refresh) await refresh.serve(settings, used)
  else if (settings.awsProfile !== undefined) {
    const { writeProfile } = await import('../effects/write-profile.js')
    await writeProfile(settings, used.credentials)
  }
  exportCredentials(settings, used)
  core.info(`Credentials for ${judged[0]?.detail ?? 'the identity'} are valid.`)
}
