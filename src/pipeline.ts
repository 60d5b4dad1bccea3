import * as core from '@actions/core'
import type { Settings } from './inputs.js'
import type { HeadStart } from './head-start.js'
import { maskCredentials } from './masking.js'
import { selectProvider } from './auth/select-provider.js'
import { preloadServiceClients } from './aws/clients.js'
import { runChecks } from './checks/run-checks.js'
import { runAudit } from './audit/run-audit.js'
import { decide } from './verdict.js'
import { setResultOutputs } from './effects/outputs.js'
import { exportCredentials } from './effects/export-credentials.js'
import { writeProfile } from './effects/write-profile.js'
import { writeSummary } from './report/summary.js'
import { logChecks } from './report/check-log.js'
import { buildValidationReport } from './report/validation-report.js'
import { writeReport } from './effects/write-report.js'
import { ActionError } from './action-error.js'

/**
 * The pipeline after the head start: credentials → checks → verdict → effects. main.ts loads this module
 * (and the AWS SDK with it) while the run's first request is in flight.
 */
export async function runPipeline(settings: Settings, headStart: HeadStart): Promise<void> {
  const provider = selectProvider(settings, process.env, headStart)
  preloadServiceClients(settings.checks)
  const obtained = await core.group(`Obtain credentials (${provider.source})`, () => provider.obtain())
  maskCredentials(obtained.credentials)

  const now = new Date()
  const results = await core.group('Validate credentials', async () => {
    const checked = await runChecks({ settings, obtained, now })
    logChecks(checked)
    return checked
  })
  const audit = await runAudit({ settings, obtained, results, now })
  const verdict = decide(settings, obtained, results, audit)

  setResultOutputs(obtained, results, verdict)
  for (const warning of verdict.warnings) core.warning(warning)
  await writeReport(
    settings.reportPath,
    audit?.report ?? buildValidationReport(settings, obtained, results, verdict, now)
  )
  await writeSummary(settings, obtained, results, verdict)

  if (!verdict.ok) throw new ActionError(verdict.failure ?? 'validation failed')
  // Before the export: if the profile cannot be written, the step fails with nothing exported.
  await writeProfile(settings, obtained.credentials)
  exportCredentials(settings, obtained.credentials)
  core.info(`Credentials for ${results[0]?.detail ?? 'the identity'} are valid.`)
}
