import type { RequiredPermission } from '../inputs.js'
import { principalAndClient } from '../preflight/principal.js'
import { SIMULATE_ACTION, simulatePrincipal, type Decision } from '../preflight/simulate-principal.js'
import { simulationNotRun } from '../preflight/simulation-not-run.js'
import type { Check, CheckOutcome } from './check-result.js'

/** One required action/resource and AWS's decision on it. */
export interface PermissionRow extends RequiredPermission {
  readonly decision: Decision
  /** The policies whose statements decided, when AWS names them. */
  readonly matched: readonly string[]
  readonly deniedBy?: string
}

export interface PermissionsData {
  /** The user or role whose policies were simulated. */
  readonly principal: string
  readonly rows: readonly PermissionRow[]
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * require-permissions, proved before the deploy: iam:SimulatePrincipalPolicy for the identity's user or
 * role on every required action and resource. Anything not allowed fails the step (see verdict.ts).
 */
export const permissionsCheck: Check<PermissionsData> = {
  name: 'permissions',
  action: SIMULATE_ACTION,
  signingKeyId: ({ obtained }) => obtained.credentials.accessKeyId,
  async run(context): Promise<CheckOutcome<PermissionsData>> {
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
}
