import { errorCodeOf, isAccessDenied } from '../../aws/error-code.js'
import type { CheckOutcome, Denial } from '../check-result.js'
import { SIMULATE_ACTION, isUnsupportedSimulation } from './simulate-principal.js'

/**
 * A simulation that could not run, as the check's outcome: `denied` for AccessDenied or an endpoint
 * that does not implement iam:SimulatePrincipalPolicy (the statement grants the simulation on this
 * principal only); `fail` when IAM has no such principal (a role path guessed wrong). Undefined for any
 * other error, which the check runner diagnoses as usual.
 */
export function simulationNotRun<T>(error: unknown, principalArn: string): CheckOutcome<T> | undefined {
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
  } else if (code === 'NoSuchEntity' || code === 'NoSuchEntityException') {
    return {
      status: 'fail',
      detail: `cannot simulate ${principalArn}: IAM has no such user or role (${code}). A role's path is not in its session ARN: give the full role ARN, path included, as role-to-assume, or allow iam:GetRole on the role.`
    }
  } else {
    return undefined
  }
  return { status: 'denied', detail: `denied: ${SIMULATE_ACTION}`, denial }
}
