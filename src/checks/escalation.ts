import { principalAndClient } from '../preflight/principal.js'
import { SIMULATE_ACTION, simulatePrincipal } from '../preflight/simulate-principal.js'
import { simulationNotRun } from '../preflight/simulation-not-run.js'
import { escalationPairs, openPaths } from '../preflight/escalation-findings.js'
import { ESCALATION_PATHS, type EscalationPath } from '../preflight/escalation-paths.js'
import type { Check, CheckOutcome } from './check-result.js'

export interface EscalationData {
  /** The user or role whose policies were simulated. */
  readonly principal: string
  /** How many published paths were simulated. */
  readonly pathsChecked: number
  /** The paths the identity's policies leave open. */
  readonly findings: readonly EscalationPath[]
}

/**
 * Opt-in: can this identity raise its own privileges? Simulates the published escalation paths
 * (preflight/escalation-paths.ts); each open one is a warning that says how to close it.
 */
export const escalationCheck: Check<EscalationData> = {
  name: 'escalation',
  action: SIMULATE_ACTION,
  signingKeyId: ({ obtained }) => obtained.credentials.accessKeyId,
  async run(context): Promise<CheckOutcome<EscalationData>> {
    const { principal, iam } = await principalAndClient(context)
    if (principal.kind === 'root') {
      return {
        status: 'warn',
        detail: 'root user credentials: the root user can do anything; use an IAM role for CI.'
      }
    }
    if (principal.kind === 'unsupported') {
      return {
        status: 'skipped',
        detail: `${principal.arn} is not an IAM user or role, so it cannot be simulated`
      }
    }
    let evaluations
    try {
      evaluations = await simulatePrincipal(iam, principal.arn, escalationPairs(principal))
    } catch (error) {
      const denied = simulationNotRun<EscalationData>(error, principal.arn)
      if (denied) return denied
      throw error
    }
    const findings = openPaths(principal, evaluations)
    const data = { principal: principal.arn, pathsChecked: ESCALATION_PATHS.length, findings }
    if (findings.length === 0) {
      return {
        status: 'pass',
        detail: `none of ${ESCALATION_PATHS.length} escalation paths open for ${principal.arn}`,
        data
      }
    }
    return {
      status: 'warn',
      detail: `${findings.length} privilege-escalation path${findings.length === 1 ? '' : 's'} open for ${principal.arn}: ${findings.map(f => f.id).join(', ')}`,
      data
    }
  }
}
