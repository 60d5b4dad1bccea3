import { errorCodeOf, isAccessDenied } from '../aws/error-code.js'
import type { CheckOutcome, Denial } from '../checks/check-result.js'
import { SIMULATE_ACTION, isUnsupportedSimulation } from './simulate-principal.js'

/**
 * A simulation that could not run, as a `denied` outcome: AccessDenied, or an endpoint that does not
 * implement iam:SimulatePrincipalPolicy. The statement grants the simulation on this principal only.
 * Undefined for any other error, which the check runner diagnoses as usual.
 */
export function simulationDenied<T>(error: unknown, principalArn: string): CheckOutcome<T> | undefined {
  const statement = { Effect: 'Allow', Action: SIMULATE_ACTION, Resource: principalArn } as const
  const code = errorCodeOf(error)
  const awsMessage = (error as { message?: string } | null)?.message ?? 'no detail from AWS'
  let denial: Denial
  if (isAccessDenied(error)) {
    denial = { action: SIMULATE_ACTION, message: `Access denied (${code}): ${awsMessage}`, statement }
  } else if (isUnsupportedSimulation(error)) {
    denial = {
      action: SIMULATE_ACTION,
      message: `The endpoint does not implement ${SIMULATE_ACTION} (${code}: ${awsMessage}), so the permissions cannot be simulated there`,
      statement
    }
  } else {
    return undefined
  }
  return { status: 'denied', detail: `denied: ${SIMULATE_ACTION}`, denial }
}
