import { sourceLabel, type ObtainedCredentials } from '../auth/credentials.js'
import type { CheckResult, CheckStatus } from '../checks/check-result.js'
import { checkData } from '../checks/check-data.js'
import type { Settings } from '../inputs/settings.js'
import type { Verdict } from '../verdict/verdict.js'
import { accountLabel, redactAccountId, type MaskSettings } from '../runtime/masking.js'
import { keyAgeBar, keyAgeLegend } from './key-age-bar.js'
import { summaryCell } from './summary-cell.js'
import { headerRow, SummaryHtml } from './summary-html.js'

const ICONS: Readonly<Record<CheckStatus, string>> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
  denied: '🚫',
  skipped: '⏭️'
}

const KEY_STATUS_TEXT: Readonly<Record<Verdict['keyStatus'], string>> = {
  ok: '✅ ok',
  warning: '⚠️ due for rotation',
  expired: '❌ expired',
  temporary: '🔄 temporary credentials',
  unknown: '❔ unknown'
}

/**
 * The job summary's HTML: identity and source, the checks with status and time, the key's age against the
 * thresholds, regions, users and the advice. Written pass or fail (effects/job-summary.ts).
 */
export async function renderSummary(
  settings: MaskSettings & Pick<Settings, 'warnKeyAgeDays' | 'maxKeyAgeDays' | 'rotateKey'>,
  obtained: ObtainedCredentials,
  results: readonly CheckResult[],
  verdict: Verdict
): Promise<string> {
  const { identity, regions, users, keyAge, permissions, escalation } = checkData(results)
  // The summary is not log output, so no mask covers it: with mask-aws-account-id the id is hashed.
  const redact = redactAccountId(settings, identity?.account)
  const text = (value: string) => summaryCell(redact(value))
  const summary = new SummaryHtml()
  summary.addHeading(`${verdict.ok ? '✅' : '❌'} AWS credentials ${verdict.ok ? 'verified' : 'rejected'}`, 2)
  summary.addTable([
    headerRow(['Identity', 'Account', 'Source', 'Key status']),
    [
      text(obtained.assumedRoleArn ?? identity?.arn ?? 'unknown'),
      identity ? accountLabel(settings, identity.account) : 'unknown',
      sourceLabel(obtained),
      KEY_STATUS_TEXT[verdict.keyStatus]
    ]
  ])
  summary
    .addHeading('Checks', 3)
    .addTable([
      headerRow(['Check', 'Status', 'Time', 'Detail']),
      ...results.map(r => [r.name, `${ICONS[r.status]} ${r.status}`, `${r.durationMs} ms`, text(r.detail)])
    ])
  if (keyAge) {
    summary
      .addHeading('Access key age', 3)
      .addRaw(`<p>${keyAge.keyId}${keyAge.userName ? ` (${summaryCell(keyAge.userName)})` : ''}</p>`, true)
      .addRaw(`<p>${keyAgeBar(keyAge.ageDays, settings.warnKeyAgeDays, settings.maxKeyAgeDays)}</p>`, true)
      .addRaw(`<p>${keyAgeLegend(keyAge.ageDays, settings.warnKeyAgeDays, settings.maxKeyAgeDays)}</p>`, true)
  }
  // The preflight's part loads only when the permissions or escalation check ran.
  if (permissions || escalation) {
    const { addPreflightSummary } = await import('./preflight-summary.js')
    addPreflightSummary(summary, { permissions, escalation }, text)
  }
  if (regions) {
    summary.addDetails(`Regions enabled (${regions.regions.length})`, regions.regions.join(', '))
  }
  if (users) {
    const shown = users.firstNames.map(summaryCell).join(', ')
    const more =
      users.count > users.firstNames.length ? `, and ${users.count - users.firstNames.length} more` : ''
    summary.addDetails(`IAM users (${users.count})`, `${shown}${more}`)
  }
  const advice = [
    ...(verdict.failure ? [`❌ ${verdict.failure}`] : []),
    ...verdict.warnings.map(w => `⚠️ ${w}`)
  ]
  // With rotate-key the action rotates them itself (its own summary section says how it went).
  if (obtained.source === 'stored-keys' && settings.rotateKey === 'never') {
    advice.push(
      '💡 Stored keys need rotating by hand; role-to-assume with GitHub OIDC needs no stored secret at all.'
    )
  }
  if (advice.length > 0) summary.addHeading('Advice', 3).addList(advice.map(text))
  return summary.toString()
}
