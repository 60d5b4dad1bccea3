// Who signed a request: an IAM user's or the root user's long-lived key, or a session minted by
// AssumeRole / AssumeRoleWithWebIdentity. Carries what IAM would evaluate: ARN and policies.
import type { AccessKey, Role, User } from './account-state.js'
import type { NamedPolicy } from './policy-evaluation.js'

export interface MintedSession {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** Mutable: set it in the past to make the session's requests fail with ExpiredToken. */
  expiration: Date
  via: 'AssumeRole' | 'AssumeRoleWithWebIdentity'
  roleArn: string
  roleName: string
  sessionName: string
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> */
  assumedRoleArn: string
  assumedRoleId: string
  durationSeconds: number
  /** ARN of the identity that called AssumeRole (undefined for web identity). */
  sourceArn?: string
  externalId?: string
  tags: { key: string; value: string }[]
  transitiveTagKeys: string[]
  /** Inline session policy sent with the assume call (narrows what the session may do). */
  policy?: string
  /** Managed session policy ARNs sent with the assume call (recorded only). */
  policyArns: string[]
  /** Claims of the web identity token that was exchanged. */
  webIdentityClaims?: Record<string, unknown>
}

export type Identity =
  | { kind: 'user'; arn: string; userId: string; user: User; accessKey: AccessKey; policies: NamedPolicy[] }
  | { kind: 'root'; arn: string; userId: string; accessKey: AccessKey; policies: NamedPolicy[] }
  | {
      kind: 'assumed-role'
      arn: string
      userId: string
      role: Role
      session: MintedSession
      policies: NamedPolicy[]
    }
