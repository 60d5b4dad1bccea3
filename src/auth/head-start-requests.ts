import type { GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts'

/**
 * What the run started before the checks and the rest of the pipeline were loaded (main/head-start.ts),
 * for the stages that finish it: the credential providers and the identity check. Here, below both, so
 * auth/ reads it without importing main/.
 */
export interface HeadStart {
  /** The GitHub OIDC token request (GitHub OIDC only), already in flight. */
  readonly githubToken?: Promise<string>
  /**
   * The identity check's GetCallerIdentity (stored keys only), already in flight: signing it needs the
   * SDK, so only STS was loaded for it; the checks, IAM and EC2 load while it is out.
   */
  readonly callerIdentity?: Promise<GetCallerIdentityCommandOutput>
  /**
   * Resolves once the connects have been handed to the OS and the first request (if any) is written.
   * Node issues a connect on a later tick, and a dynamic import can compile and evaluate its whole chunk
   * before that tick comes: awaited before the pipeline is imported, so its parse overlaps the network
   * instead of going first.
   */
  readonly started?: Promise<void>
}
