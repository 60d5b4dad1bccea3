import type { GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts'
import type { CheckName } from '../inputs/settings.js'
import type { CheckSettings } from '../inputs/check-inputs.js'
import type { CredentialSettings } from '../inputs/credential-inputs.js'
import type { PermissionSettings } from '../inputs/permission-inputs.js'
import type { ClientSettings } from '../aws/clients.js'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { Diagnosis } from '../aws/error-diagnosis.js'
import type { Partition } from '../aws/partition.js'

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped' | 'denied'

/** An IAM policy statement, printed so a user can paste it into the identity's policy. */
export interface PolicyStatement {
  readonly Effect: 'Allow'
  readonly Action: string | readonly string[]
  readonly Resource: string | readonly string[]
}

/** Why a check was denied, and the least privilege that would allow it. */
export interface Denial {
  /** The exact IAM action, e.g. `iam:ListUsers`. */
  readonly action: string
  /** AWS's own denial message (who, which action, which resource). */
  readonly message: string
  readonly statement: PolicyStatement
}

/** What one check found. Checks never fail the step: only the verdict decides. */
export interface CheckResult<T = unknown> {
  readonly name: CheckName
  readonly status: CheckStatus
  readonly durationMs: number
  /** One line for logs, the `checks` output and the summary table. */
  readonly detail: string
  /** The check's findings, typed per check. */
  readonly data?: T
  readonly denial?: Denial
  readonly failure?: Diagnosis
}

/**
 * What a check's body returns; the runner adds name and timing and turns errors into results. A check
 * that recognises a denial the runner cannot (e.g. an endpoint without the API) returns it itself.
 */
export type CheckOutcome<T> = Pick<CheckResult<T>, 'status' | 'detail' | 'data' | 'denial'>

/** What the checks read: their own inputs, required-permissions, role-to-assume and how to reach AWS. */
export type CheckContextSettings = CheckSettings &
  PermissionSettings &
  ClientSettings &
  Pick<CredentialSettings, 'roleToAssume'>

export interface CheckContext {
  readonly settings: CheckContextSettings
  readonly obtained: ObtainedCredentials
  /** The instant ages are measured at, fixed once per run. */
  readonly now: Date
  /** GetCallerIdentity for `obtained.credentials`, already sent (the head start's, with stored keys). */
  readonly callerIdentity?: Promise<GetCallerIdentityCommandOutput>
}

/** One validation: the IAM action it needs and how to run it. */
export interface Check<T> {
  readonly name: CheckName
  /** The IAM action a denial names; also the action in the policy statement printed for it. */
  readonly action: string
  /**
   * The resource the minimal statement grants on, in the identity's partition (most of these actions
   * only support `*`, the default).
   */
  readonly resource?: (partition: Partition) => string
  /** The key that signs the check's calls, for the diagnosis of an authentication failure. */
  signingKeyId(context: CheckContext): string
  run(context: CheckContext): Promise<CheckOutcome<T>>
}
