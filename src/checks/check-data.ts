import type { CheckResult } from './check-result.js'
import type { IdentityData } from './identity.js'
import type { RegionsData } from './regions.js'
import type { UsersData } from './users.js'
import type { KeyAgeData } from './key-age.js'
import type { PermissionsData } from './permissions.js'
import type { EscalationData } from './escalation.js'

/** Each check's data, typed, for the modules that render or export it. */
export interface CheckData {
  readonly identity?: IdentityData
  readonly regions?: RegionsData
  readonly users?: UsersData
  readonly keyAge?: KeyAgeData
  readonly permissions?: PermissionsData
  readonly escalation?: EscalationData
}

export function checkData(results: readonly CheckResult[]): CheckData {
  const of = <T>(name: CheckResult['name']) => results.find(r => r.name === name)?.data as T | undefined
  return {
    identity: of<IdentityData>('identity'),
    regions: of<RegionsData>('regions'),
    users: of<UsersData>('users'),
    keyAge: of<KeyAgeData>('key-age'),
    permissions: of<PermissionsData>('permissions'),
    escalation: of<EscalationData>('escalation')
  }
}

/** The public view of each check: what the `checks` output and the report carry (no data). */
export function checkRows(results: readonly CheckResult[]) {
  return results.map(r => ({ name: r.name, status: r.status, durationMs: r.durationMs, detail: r.detail }))
}
