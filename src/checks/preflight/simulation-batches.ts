// How a list of action/resource pairs becomes iam:SimulatePrincipalPolicy calls. Pure.
//
// Each call evaluates every action on every resource it names, so pairs are grouped by resource and
// resources that need the same actions share a call: the calls evaluate exactly the required pairs.
// Limits: the API pages its results with MaxItems 1-1000 (IAM API reference); it documents no maximum
// for ActionNames/ResourceArns, and tools that send long lists report validation errors and throttling
// (nccgroup/PMapper chunks resources by 20). A call of at most 50 actions × 20 resources gives at most
// 1,000 results: one page at MaxItems 1000, still paginated when IAM returns fewer.

/** One action on one resource; `*` means any resource (the simulation's default). */
export interface ActionOnResource {
  readonly action: string
  readonly resource: string
}

export interface SimulationBatch {
  readonly actions: readonly string[]
  /** Empty: simulate on `*` (ResourceArns omitted). */
  readonly resources: readonly string[]
}

export const MAX_ACTIONS_PER_CALL = 50
export const MAX_RESOURCES_PER_CALL = 20
/** MaxItems per page: the API's maximum. */
export const PAGE_SIZE = 1000

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** A stable key for a pair: IAM action names are case-insensitive, ARNs are not. */
export const pairKey = (action: string, resource: string): string => `${action.toLowerCase()} ${resource}`

export function simulationBatches(pairs: readonly ActionOnResource[]): SimulationBatch[] {
  const actionsByResource = new Map<string, Set<string>>()
  for (const { action, resource } of pairs) {
    const actions = actionsByResource.get(resource) ?? new Set<string>()
    actions.add(action)
    actionsByResource.set(resource, actions)
  }
  // Resources needing the same set of actions go together.
  const resourcesByActions = new Map<string, { actions: string[]; resources: string[] }>()
  for (const [resource, actions] of actionsByResource) {
    const sorted = [...actions].sort()
    const key = sorted.join(' ')
    const group = resourcesByActions.get(key) ?? { actions: sorted, resources: [] }
    group.resources.push(resource)
    resourcesByActions.set(key, group)
  }
  const batches: SimulationBatch[] = []
  for (const { actions, resources } of resourcesByActions.values()) {
    // `*` is AWS's default resource; an explicit `*` in ResourceArns means the same, but omitting it
    // keeps the request what every example shows.
    const named = resources.filter(r => r !== '*')
    const resourceChunks = [
      ...(resources.includes('*') ? [[]] : []),
      ...chunks(named, MAX_RESOURCES_PER_CALL)
    ]
    for (const actionChunk of chunks(actions, MAX_ACTIONS_PER_CALL)) {
      for (const resourceChunk of resourceChunks)
        batches.push({ actions: actionChunk, resources: resourceChunk })
    }
  }
  return batches
}
