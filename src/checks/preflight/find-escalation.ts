import type { CheckContext, CheckOutcome } from '../check-result.js'
import type { EscalationData } from './preflight-data.js'
import { principalAndClient } from './principal.js'
import { simulatePrincipal } from './simulate-principal.js'
import { simulationNotRun } from './simulation-not-run.js'
import { escalationPairs, openPaths } from './escalation-findings.js'
import { ESCALATION_PATHS } from './escalation-paths.js'

/** The `escalation` check's body: simulate the published paths for the identity's user or role. */
export async function findEscalation(context: CheckContext): Promise<CheckOutcome<EscalationData>> {
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
