import type { PermissionsData } from './preflight/preflight-data.js'
import { SIMULATE_ACTION } from './preflight/simulate-action.js'
import type { Check, CheckOutcome } from './check-result.js'

export type { PermissionRow, PermissionsData } from './preflight/preflight-data.js'

/**
 * require-permissions, proved before the deploy: iam:SimulatePrincipalPolicy for the identity's user or
 * role on every required action and resource. Anything not allowed fails the step (see verdict/verdict.ts).
 */
export const permissionsCheck: Check<PermissionsData> = {
  name: 'permissions',
  action: SIMULATE_ACTION,
  signingKeyId: ({ obtained }) => obtained.credentials.accessKeyId,
  async run(context): Promise<CheckOutcome<PermissionsData>> {
    // The simulation's code loads only when a run requires permissions.
    const { provePermissions } = await import('./preflight/prove-permissions.js')
    return provePermissions(context)
  }
}
