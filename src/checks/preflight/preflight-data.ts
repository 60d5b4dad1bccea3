// What the permissions and escalation checks report: produced by prove-permissions.ts and
// find-escalation.ts, read by the verdict and the summary.
import type { RequiredPermission } from '../../inputs/settings.js'
import type { OpenPath } from './escalation-findings.js'
import type { Decision } from './simulate-principal.js'

/** One required action/resource and AWS's decision on it. */
export interface PermissionRow extends RequiredPermission {
  readonly decision: Decision
  /** The policies whose statements decided, when AWS names them. */
  readonly matched: readonly string[]
  readonly deniedBy?: string
}

export interface PermissionsData {
  /** The user or role whose policies were simulated. */
  readonly principal: string
  readonly rows: readonly PermissionRow[]
}

export interface EscalationData {
  /** The user or role whose policies were simulated. */
  readonly principal: string
  /** How many published paths were simulated. */
  readonly pathsChecked: number
  /** The paths the identity's policies leave open. */
  readonly findings: readonly OpenPath[]
}
