import type { CheckContext, CheckOutcome } from '../check-result.js'
import type { PermissionsData } from './preflight-data.js'
import { principalAndClient } from './principal.js'
import { SIMULATE_ACTION, simulatePrincipal } from './simulate-principal.js'
import { simulationNotRun } from './simulation-not-run.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** The `permissions` check's body: simulate every requirement for the identity's user or role. */
export async function provePermissions(context: CheckContext): Promise<CheckOutcome<PermissionsData>> {
  const required = context.settings.requiredPermissions
  const { principal, iam } = await principalAndClient(context)
  if (principal.kind === 'root') {
    return {
      status: 'warn',
      detail: `the root user cannot be simulated (IAM policies do not limit it; SCPs may). Use an IAM role for deploys, not root keys.`
    }
  }
  if (principal.kind === 'unsupported') {
    return {
      status: 'fail',
      detail: `cannot prove require-permissions for ${principal.arn}: ${SIMULATE_ACTION} evaluates IAM users and roles only. Run the step with the deploy's user or role credentials.`
    }
  }
  let evaluations
  try {
    evaluations = await simulatePrincipal(iam, principal.arn, required)
  } catch (error) {
    const denied = simulationNotRun<PermissionsData>(error, principal.arn)
    if (denied) return denied
    throw error
  }
  const rows = required.map((r, i) => ({ ...r, ...evaluations[i]!, origin: r.origin, action: r.action }))
  const notAllowed = rows.filter(r => r.decision !== 'allowed').length
  const data = { principal: principal.arn, rows }
  if (notAllowed === 0) {
    return {
      status: 'pass',
      detail: `${plural(rows.length, 'required permission')} allowed for ${principal.arn}`,
      data
    }
  }
  return {
    status: 'fail',
    detail: `${notAllowed} of ${plural(rows.length, 'required permission')} not allowed for ${principal.arn}`,
    data
  }
}
