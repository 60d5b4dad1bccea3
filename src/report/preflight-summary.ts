import type { CheckData } from '../checks/check-data.js'
import type { Decision } from '../checks/preflight/simulate-principal.js'
import { headerRow, type SummaryHtml } from './summary-html.js'

const DECISION_TEXT: Readonly<Record<Decision, string>> = {
  allowed: '✅ allowed',
  implicitDeny: '❌ implicitDeny',
  explicitDeny: '⛔ explicitDeny'
}

/**
 * The summary's part for the permission preflight: every required permission with AWS's decision, and
 * the open escalation paths. `text` escapes (and redacts) a value for a table cell.
 */
export function addPreflightSummary(
  summary: SummaryHtml,
  { permissions, escalation }: Pick<CheckData, 'permissions' | 'escalation'>,
  text: (value: string) => string
): void {
  if (permissions) {
    summary
      .addHeading('Required permissions', 3)
      .addRaw(`<p>Simulated for ${text(permissions.principal)}</p>`, true)
    summary.addTable([
      headerRow(['Action', 'Resource', 'Decision', 'Decided by', 'From']),
      ...permissions.rows.map(r => [
        text(r.action),
        text(r.resource),
        DECISION_TEXT[r.decision],
        text([...r.matched, ...(r.deniedBy ? [r.deniedBy] : [])].join(', ') || '—'),
        text(r.origin)
      ])
    ])
  }
  if (escalation) {
    summary.addHeading('Privilege escalation', 3)
    if (escalation.findings.length === 0) {
      summary.addRaw(
        `<p>✅ None of ${escalation.pathsChecked} published escalation paths is open for ${text(escalation.principal)}.</p>`,
        true
      )
    } else {
      summary.addTable([
        headerRow(['Path', 'Allowed actions', 'How to close it']),
        ...escalation.findings.map(f => [
          text(`⚠️ could ${f.title} (${f.source})`),
          text(f.actions.join(' + ')),
          text(f.remedy)
        ])
      ])
    }
  }
}
