import pLimit from 'p-limit'
import type { EvaluationResult } from '@aws-sdk/client-iam'
import type { IamApi } from '../../aws/clients.js'
import { errorCodeOf } from '../../aws/error-code.js'
import {
  PAGE_SIZE,
  pairKey,
  simulationBatches,
  type ActionOnResource,
  type SimulationBatch
} from './simulation-batches.js'

export type Decision = 'allowed' | 'implicitDeny' | 'explicitDeny'

/** AWS's decision for one action on one resource, with what it says about why. */
export interface Evaluation extends ActionOnResource {
  readonly decision: Decision
  /** The policies whose statements decided (SourcePolicyId, or the policy type), when AWS names them. */
  readonly matched: readonly string[]
  /** Set when a permissions boundary or an SCP is what denies (AWS reports these separately). */
  readonly deniedBy?: 'permissions boundary' | 'service control policy'
}

/** Calls in flight at once: IAM throttles the simulator at a low rate. */
const CONCURRENT_CALLS = 4

export { SIMULATE_ACTION } from './simulate-action.js'

const UNSUPPORTED_CODES = new Set([
  'InvalidAction',
  'UnknownOperation',
  'UnknownOperationException',
  'NotImplemented',
  'UnsupportedOperation'
])

/** True when the endpoint does not implement the simulation (an IAM-compatible service, a proxy). */
export function isUnsupportedSimulation(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode
  return status === 501 || UNSUPPORTED_CODES.has(errorCodeOf(error))
}

function toEvaluation(result: EvaluationResult): Evaluation {
  const decision = (result.EvalDecision ?? 'implicitDeny') as Decision
  const deniedBy =
    decision !== 'allowed' && result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false
      ? 'permissions boundary'
      : decision !== 'allowed' && result.OrganizationsDecisionDetail?.AllowedByOrganizations === false
        ? 'service control policy'
        : undefined
  return {
    action: result.EvalActionName ?? '',
    resource: result.EvalResourceName ?? '*',
    decision,
    matched: (result.MatchedStatements ?? []).map(s => s.SourcePolicyId ?? s.SourcePolicyType ?? 'policy'),
    ...(deniedBy ? { deniedBy } : {})
  }
}

/**
 * One evaluation per action and resource. IAM answers with one result per pair, naming the resource;
 * when it also nests per-resource results (ResourceSpecificResults), those are the decisions per resource.
 */
function withResourceResults(result: EvaluationResult): Evaluation[] {
  const top = toEvaluation(result)
  const nested = (result.ResourceSpecificResults ?? []).map(r =>
    toEvaluation({
      ...result,
      EvalResourceName: r.EvalResourceName,
      EvalDecision: r.EvalResourceDecision,
      MatchedStatements: r.MatchedStatements,
      PermissionsBoundaryDecisionDetail:
        r.PermissionsBoundaryDecisionDetail ?? result.PermissionsBoundaryDecisionDetail
    })
  )
  return [top, ...nested.filter(n => n.resource !== top.resource)]
}

async function simulateBatch(
  { client, sdk }: IamApi,
  principalArn: string,
  batch: SimulationBatch
): Promise<Evaluation[]> {
  const evaluations: Evaluation[] = []
  let marker: string | undefined
  do {
    const page = await client.send(
      new sdk.SimulatePrincipalPolicyCommand({
        PolicySourceArn: principalArn,
        ActionNames: [...batch.actions],
        ResourceArns: batch.resources.length > 0 ? [...batch.resources] : undefined,
        MaxItems: PAGE_SIZE,
        Marker: marker
      })
    )
    evaluations.push(...(page.EvaluationResults ?? []).flatMap(withResourceResults))
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)
  return evaluations
}

/**
 * AWS's decision for every pair, in the order asked. A pair AWS did not answer for counts as an
 * implicit deny: the requirement is not proved.
 */
export async function simulatePrincipal(
  iam: IamApi,
  principalArn: string,
  pairs: readonly ActionOnResource[]
): Promise<Evaluation[]> {
  const limit = pLimit(CONCURRENT_CALLS)
  const answered = (
    await Promise.all(simulationBatches(pairs).map(b => limit(() => simulateBatch(iam, principalArn, b))))
  ).flat()
  const byPair = new Map(answered.map(e => [pairKey(e.action, e.resource), e]))
  return pairs.map(
    p => byPair.get(pairKey(p.action, p.resource)) ?? { ...p, decision: 'implicitDeny', matched: [] }
  )
}
