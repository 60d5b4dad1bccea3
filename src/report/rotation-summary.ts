import { describeTarget } from '../rotation/secret-location.js'
import { githubPermissions, rotationPolicy, userPath } from '../rotation/permissions.js'
import type { RotationStage } from '../rotation/run-rotation.js'
import type { RotationOutcome } from '../rotation/rotation-types.js'
import { summaryCell } from './summary-cell.js'
import { SummaryHtml } from './summary-html.js'
import { timelineTable } from './timeline-table.js'
import { checkData } from '../checks/check-data.js'
import { partitionOf, type Partition } from '../aws/partition.js'

/** A rotation stage that ran (rotate-key set): the only kind with anything to show. */
export type ReportedRotation = RotationStage & { readonly outcome: RotationOutcome }

/** The partition of the identity whose key is rotated: its ARN's, else the region's. */
const partitionOfStage = (stage: ReportedRotation): Partition =>
  partitionOf(checkData(stage.results).identity?.arn, stage.settings.region)

/** The log lines of a dry run: the plan and the exact permissions it needs; none for any other outcome. */
export function dryRunLines(stage: ReportedRotation): string[] {
  const { outcome } = stage
  if (outcome.status !== 'dry-run') return []
  const lines = [`Dry run (rotate-dry-run: true): nothing was changed.`]
  lines.push(`Plan: ${outcome.plan.action}: ${outcome.plan.reason}`)
  if (outcome.plan.action === 'rotate' && outcome.plan.deleteFirst) {
    lines.push(
      `It would first delete the retired Inactive key (retired ${outcome.plan.deleteFirst.retiredDaysAgo} days ago).`
    )
  }
  for (const target of outcome.targets) lines.push(`It would write the ${describeTarget(target)}.`)
  const callerArn = checkData(stage.results).identity?.arn
  lines.push(
    `IAM policy the stored key's user needs: ${JSON.stringify(rotationPolicy(outcome.plan, partitionOfStage(stage), callerArn))}`
  )
  lines.push(pathNote(callerArn))
  for (const line of githubPermissions(locationsOf(outcome))) lines.push(`github-token needs: ${line}`)
  return lines
}

/** Why the Resource spells out the user's path: `${aws:username}` is the name alone. */
export function pathNote(callerArn: string | undefined): string {
  const path = userPath(callerArn)
  return path === '/'
    ? "The Resource's ${aws:username} is the user's name without its path: it matches this user (path /), but not a user with a path such as /ci/, whose Resource must spell the path out (…:user/ci/${aws:username})."
    : `This user has the path ${path}, and \${aws:username} is its name without the path, so the Resource spells the path out; …:user/\${aws:username} alone would match no user with a path and every rotation call would be denied.`
}

/** The secret locations a dry run would write, each once. */
function locationsOf(outcome: Extract<RotationOutcome, { status: 'dry-run' }>) {
  const seen = new Map(outcome.targets.map(t => [JSON.stringify(t.location), t.location]))
  return [...seen.values()]
}

/** The job summary's rotation section, as HTML: a timeline of the steps and the state the rotation left. */
export function renderRotationSummary(stage: ReportedRotation): string {
  const { outcome } = stage
  const summary = new SummaryHtml().addHeading('Key rotation', 3)
  if (outcome.status === 'skipped') summary.addRaw(`<p>${summaryCell(outcome.reason)}</p>`, true)
  if (stage.timeline.length > 0) {
    summary.addTable(timelineTable(stage.timeline))
  }
  if (outcome.status === 'dry-run') {
    summary.addRaw('<p>Dry run: nothing was changed. Permissions this rotation needs:</p>', true)
    summary.addCodeBlock(
      JSON.stringify(
        rotationPolicy(outcome.plan, partitionOfStage(stage), checkData(stage.results).identity?.arn),
        null,
        2
      ),
      'json'
    )
    summary.addRaw(`<p>${summaryCell(pathNote(checkData(stage.results).identity?.arn))}</p>`, true)
    summary.addList(githubPermissions(locationsOf(outcome)).map(summaryCell))
  }
  if (outcome.status === 'rotated' || outcome.status === 'failed') {
    summary.addRaw('<p>State left:</p>', true).addList(outcome.state.map(summaryCell))
  }
  return summary.toString()
}
