import type { AwsCredentials } from '../auth/credentials.js'
import type { SecretLocation } from './secret-location.js'
import type { Settings } from '../inputs/settings.js'
import type { RotationSettings } from '../inputs/rotation-inputs.js'
import type { ClientSettings } from '../aws/clients.js'
import type { CreatedKey, KeyApi } from './iam-keys.js'
import type { KeyPlan } from './plan.js'
import type { PreparedTarget, SecretsApi } from './secret-targets.js'
import type { Timeline } from '../steps/timeline.js'

export interface RotationDependencies {
  readonly keys: KeyApi
  readonly github: SecretsApi
  /** Resolves to the caller ARN once the key authenticates; rejects after the bounded wait. */
  readonly waitUntilKeyWorks: (key: AwsCredentials) => Promise<string>
  /** core.setSecret in the action. */
  readonly mask: (secret: string) => void
  readonly timeline: Timeline
}

/**
 * What a rotation reads of the settings: its own inputs, the key-age thresholds its plan compares with,
 * the IAM client's, and the GitHub token that writes the secrets.
 */
export type KeyRotationSettings = RotationSettings &
  ClientSettings &
  Pick<Settings, 'warnKeyAgeDays' | 'maxKeyAgeDays' | 'githubToken'>

export interface RotationRequest {
  readonly settings: KeyRotationSettings
  /** The stored key the run authenticated with: the one replaced, and what a rollback restores. */
  readonly oldKey: AwsCredentials
  /** The identity the old key belongs to (GetCallerIdentity): the new key must be the same user. */
  readonly callerArn: string
  readonly locations: readonly SecretLocation[]
}

export type RotationOutcome =
  | { readonly status: 'skipped'; readonly reason: string; readonly warning: boolean }
  | { readonly status: 'dry-run'; readonly plan: KeyPlan; readonly targets: readonly PreparedTarget[] }
  | {
      readonly status: 'rotated'
      readonly newKey: CreatedKey
      readonly oldKeyId: string
      /** The old key was deactivated (false when UpdateAccessKey failed: both keys stay active). */
      readonly retired: boolean
      readonly warnings: readonly string[]
      readonly state: readonly string[]
    }
  | { readonly status: 'failed'; readonly failure: string; readonly state: readonly string[] }
