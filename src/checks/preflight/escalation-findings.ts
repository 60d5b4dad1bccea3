import type { Principal } from './principal.js'
import type { ActionOnResource } from './simulation-batches.js'
import { pairKey } from './simulation-batches.js'
import type { Evaluation } from './simulate-principal.js'
import { ESCALATION_PATHS, type EscalationPath } from './escalation-paths.js'
import type { Partition } from '../../aws/partition.js'

/** A user name no account is expected to have: "another user" for the other-user paths. */
export const OTHER_USER = 'aws-auth-check-escalation-probe'

type SimulatedPrincipal = Extract<Principal, { kind: 'user' | 'role' }>

/** The resource one path's actions are simulated on, for this principal. */
export function targetOf(path: EscalationPath, principal: SimulatedPrincipal): string {
  return path.target === 'other-user'
    ? `arn:${principal.partition}:iam::${principal.account}:user/${OTHER_USER}`
    : '*'
}

/** Every action/resource pair the escalation paths need simulated. */
export function escalationPairs(principal: SimulatedPrincipal, paths = ESCALATION_PATHS): ActionOnResource[] {
  return paths.flatMap(path => path.actions.map(action => ({ action, resource: targetOf(path, principal) })))
}

/** A path found open, its remedy written out for the identity's partition. */
export type OpenPath = Omit<EscalationPath, 'remedy'> & { readonly remedy: string }

export function openPath(path: EscalationPath, partition: Partition): OpenPath {
  return { ...path, remedy: typeof path.remedy === 'string' ? path.remedy : path.remedy(partition) }
}

/** The paths whose every action is allowed (pure). */
export function openPaths(
  principal: SimulatedPrincipal,
  evaluations: readonly Evaluation[],
  paths = ESCALATION_PATHS
): OpenPath[] {
  const allowed = new Set(
    evaluations.filter(e => e.decision === 'allowed').map(e => pairKey(e.action, e.resource))
  )
  return paths
    .filter(path => path.actions.every(action => allowed.has(pairKey(action, targetOf(path, principal)))))
    .map(path => openPath(path, principal.partition))
}
