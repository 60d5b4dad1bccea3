import * as core from '@actions/core'
import { SOURCE_LABELS, type ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult, CheckStatus } from '../checks/check-result.js'
import type { IdentityData } from '../checks/identity.js'
import type { Verdict } from '../verdict.js'

const ICONS: Readonly<Record<CheckStatus, string>> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
  denied: '🚫',
  skipped: '⏭️'
}

/** The job summary: who, how, and each check with its status and time. Rendering only. */
export async function writeSummary(
  obtained: ObtainedCredentials,
  results: readonly CheckResult[],
  verdict: Verdict
): Promise<void> {
  // Outside a runner (local runs, the demo without a summary file) there is nowhere to write.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const identity = results.find(r => r.name === 'identity')?.data as IdentityData | undefined
  core.summary
    .addHeading(`AWS credentials ${verdict.ok ? 'verified' : 'rejected'}`, 2)
    .addTable([
      [
        { data: 'Identity', header: true },
        { data: 'Source', header: true },
        { data: 'Key status', header: true }
      ],
      [identity?.arn ?? 'unknown', SOURCE_LABELS[obtained.source], verdict.keyStatus]
    ])
    .addTable([
      [
        { data: 'Check', header: true },
        { data: 'Status', header: true },
        { data: 'Time', header: true },
        { data: 'Detail', header: true }
      ],
      ...results.map(r => [r.name, `${ICONS[r.status]} ${r.status}`, `${r.durationMs} ms`, r.detail])
    ])
  if (verdict.failure) core.summary.addRaw(`\n**Failed:** ${verdict.failure}\n`)
  await core.summary.write()
}
