import type { RequiredPermission } from '../inputs.js'
import type { Decision } from '../preflight/simulate-principal.js'
import { SIMULATE_ACTION } from '../preflight/simulate-action.js'
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

/**
 * require-permissions, proved before the deploy: iam:SimulatePrincipalPolicy for the identity's user or
 * role on every required action and resource. Anything not allowed fails the step (see verdict.ts).
 */
export const permissionsCheck: Check<PermissionsData> = {
  name: 'permissions',
  action: SIMULATE_ACTION,
  signingKeyId: ({ obtained }) => obtained.credentials.accessKeyId,
  async run(context): Promise<CheckOutcome<PermissionsData>> {
    // The simulation's code loads only when a run requires permissions.
    const { provePermissions } = await import('../preflight/prove-permissions.js')
    return provePermissions(context)
  }
}
