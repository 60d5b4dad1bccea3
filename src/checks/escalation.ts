import type { EscalationData } from './preflight/preflight-data.js'
import { SIMULATE_ACTION } from './preflight/simulate-action.js'
import type { Check, CheckOutcome } from './check-result.js'

export type { EscalationData } from './preflight/preflight-data.js'

/**
 * Opt-in: can this identity raise its own privileges? Simulates the published escalation paths
 * (checks/preflight/escalation-paths.ts); each open one is a warning that says how to close it.
 */
export const escalationCheck: Check<EscalationData> = {
  name: 'escalation',
  action: SIMULATE_ACTION,
  signingKeyId: ({ obtained }) => obtained.credentials.accessKeyId,
  async run(context): Promise<CheckOutcome<EscalationData>> {
    // The paths and the simulation load only when the check is asked for.
    const { findEscalation } = await import('./preflight/find-escalation.js')
    return findEscalation(context)
  }
}
