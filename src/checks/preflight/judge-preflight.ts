// What the permissions and escalation checks mean for the step, in words (pure; verdict.ts decides).
import type { CheckResult, PolicyStatement } from '../check-result.js'
import type { PermissionRow, PermissionsData } from './preflight-data.js'
import type { EscalationData } from './preflight-data.js'
import type { ActionOnResource } from './simulation-batches.js'

/** The fewest Allow statements granting every pair: one per set of resources needing the same actions. */
export function minimalStatements(pairs: readonly ActionOnResource[]): PolicyStatement[] {
  const actionsByResource = new Map<string, string[]>()
  for (const { action, resource } of pairs) {
    const actions = actionsByResource.get(resource) ?? []
    if (!actions.includes(action)) actions.push(action)
    actionsByResource.set(resource, actions)
  }
  const byActions = new Map<string, { actions: string[]; resources: string[] }>()
  for (const [resource, actions] of actionsByResource) {
    const key = [...actions].sort().join(' ')
    const group = byActions.get(key) ?? { actions, resources: [] }
    group.resources.push(resource)
    byActions.set(key, group)
  }
  return [...byActions.values()].map(({ actions, resources }) => ({
    Effect: 'Allow',
    Action: actions.length === 1 ? actions[0]! : actions,
    Resource: resources.length === 1 ? resources[0]! : resources
  }))
}

function describeRow(row: PermissionRow): string {
  const by = row.matched.length > 0 ? ` by ${row.matched.join(', ')}` : ''
  const layer = row.deniedBy ? `, denied by a ${row.deniedBy}` : ''
  const fix =
    row.decision === 'explicitDeny'
      ? ': an Allow cannot override an explicit Deny; narrow that Deny statement'
      : ''
  return `${row.action} on ${row.resource} (${row.decision}${by}${layer}; ${row.origin})${fix}`
}

/** The one failure line when a required permission is not allowed. */
export function permissionsFailure(data: PermissionsData): string {
  const denied = data.rows.filter(r => r.decision !== 'allowed')
  const policy = { Version: '2012-10-17', Statement: minimalStatements(denied) }
  return (
    `require-permissions: ${denied.length} of ${data.rows.length} required permissions are not allowed for ${data.principal}, so the deploy would fail part-way: ` +
    `${denied.map((row, i) => `(${i + 1}) ${describeRow(row)}`).join(' ')}. Minimal policy that would allow them (add it to ${data.principal}): ${JSON.stringify(policy)}`
  )
}

/** One warning per open escalation path: what it allows and how to close it. */
export function escalationWarnings(data: EscalationData): string[] {
  return data.findings.map(
    path =>
      `Privilege escalation: ${data.principal} is allowed ${path.actions.join(' + ')}, so it could ${path.title} (${path.source}). ${path.remedy}`
  )
}

function simulationDeniedMessage(result: CheckResult): string {
  const denial = result.denial!
  const what =
    result.name === 'permissions'
      ? 'require-permissions could not be proved'
      : 'the escalation check could not run'
  return `Check '${result.name}': ${what}. ${denial.message}. Minimal policy statement that allows the simulation: ${JSON.stringify(denial.statement)}`
}

/**
 * permissions: any requirement not allowed fails, and so does a simulation that could not run (the
 * requirement is unproved). escalation: open paths and errors warn; a denied simulation follows
 * fail-on-denied.
 */
export function judgePreflight(
  result: CheckResult,
  failOnDenied: boolean,
  failures: string[],
  warnings: string[]
): void {
  if (result.status === 'denied') {
    const failsStep = result.name === 'permissions' || failOnDenied
    ;(failsStep ? failures : warnings).push(simulationDeniedMessage(result))
    return
  }
  if (result.name === 'permissions') {
    const data = result.data as PermissionsData | undefined
    if (result.status === 'fail') {
      failures.push(
        data ? permissionsFailure(data) : `require-permissions could not be proved: ${result.detail}`
      )
    } else if (result.status === 'warn') warnings.push(`Check 'permissions': ${result.detail}`)
    return
  }
  // escalation is advice: whatever went wrong, it warns (only fail-on-denied makes it fail, above).
  const data = result.data as EscalationData | undefined
  if (data && data.findings.length > 0) warnings.push(...escalationWarnings(data))
  else if (result.status === 'warn' || result.status === 'fail') {
    warnings.push(`Check 'escalation': ${result.detail}`)
  }
}
