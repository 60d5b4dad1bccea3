import type { MigrationPlan } from '../migration/plan.js'
import { nextSteps } from '../migration/render-workflow.js'
import type { MigrationOutcome } from '../migration/run-migration.js'
import { summaryCell } from './summary-cell.js'
import { headerRow, SummaryHtml } from './summary-html.js'
import { timelineTable } from './timeline-table.js'

const source = (from: { kind: string; name: string }) => `${from.kind} ${from.name}`

/** Where each permission of the role comes from: one row per policy. */
function permissionRows(plan: MigrationPlan) {
  return [
    ...plan.managed.map(p => [
      summaryCell(p.name),
      'managed, attached',
      summaryCell(p.from.map(source).join(', ')),
      summaryCell(p.arn)
    ]),
    ...plan.inline.map(p => [
      summaryCell(p.name),
      `inline, ${p.document.length} characters`,
      summaryCell(`${source(p.from)} (${p.originalName})`),
      'copied into the role'
    ]),
    ...(plan.role.boundary
      ? [
          [
            'permissions boundary',
            'boundary',
            summaryCell(`user ${plan.user.name}`),
            summaryCell(plan.role.boundary)
          ]
        ]
      : [])
  ]
}

/**
 * The job summary's migration section, as HTML: the plan, where each permission came from, the steps,
 * what next.
 */
export function renderMigrationSummary({ plan, dir, timeline, result }: MigrationOutcome): string {
  const summary = new SummaryHtml().addHeading('From stored keys to no keys', 3)
  summary.addRaw(`<p>${summaryCell(result)}</p>`, true)
  summary.addList([
    summaryCell(`IAM user ${plan.user.name} → role ${plan.role.arn}`),
    summaryCell(
      `OIDC provider ${plan.provider.arn}: ${plan.provider.exists ? 'exists' : 'created by apply'} (audience ${plan.audience})`
    ),
    summaryCell(`Trust: sub ${plan.subjects.join(' or ')}`),
    summaryCell(`Files: ${dir} (trust-policy.json, role.json, cloudformation.yaml, main.tf, workflow.md)`)
  ])
  const rows = permissionRows(plan)
  if (rows.length > 0) {
    summary.addTable([headerRow(['Policy', 'Kind', 'From', 'On the role']), ...rows])
  } else summary.addRaw('<p>The user has no policies: the role gets none.</p>', true)
  if (timeline.length > 0) summary.addTable(timelineTable(timeline))
  summary.addRaw('<p>Next steps:</p>', true).addList(nextSteps(plan).map(summaryCell))
  return summary.toString()
}
