import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { createStsClient, type ClientOptions } from '../aws/clients.js'
import { errorCodeOf, isAccessDenied } from '../aws/error-code.js'
import { StepFailure } from '../steps/step-runner.js'
import { decodeTokenClaims } from '../auth/token-claims.js'
import { subjectAdmitted } from './trust-policy.js'
import { setTimeout as sleep } from 'node:timers/promises'

/** Retry the proof for at most this long while IAM propagates the new role and provider (docs/migrate-to-oidc.md). */
export const PROOF_BUDGET_MS = 60_000

/** How the proof waits: injectable, so tests neither sleep nor wait a minute. */
export interface ProofTiming {
  readonly budgetMs: number
  /** Delay before attempt n + 1 (n ≥ 1). */
  readonly delayMs: (attempt: number) => number
  readonly sleep: (ms: number) => Promise<void>
  readonly now: () => number
}

/** 0.5 s, 1 s, 2 s, then every 4 s: a new role is usually assumable within seconds. */
export const PROOF_TIMING: ProofTiming = {
  budgetMs: PROOF_BUDGET_MS,
  delayMs: attempt => Math.min(4_000, 500 * 2 ** (attempt - 1)),
  sleep: ms => sleep(ms),
  now: () => Date.now()
}

export interface ProofRequest {
  readonly roleArn: string
  /** This job's GitHub token for the plan's audience, already masked. */
  readonly token: string
  readonly subjects: readonly string[]
  readonly sts: Omit<ClientOptions, 'credentials'>
  /** core.setSecret: the session's secrets are masked the moment they exist. */
  readonly mask: (secret: string) => void
}

// What STS answers while IAM has not yet propagated a new role or provider.
const NOT_YET = (error: unknown): boolean =>
  isAccessDenied(error) || errorCodeOf(error).replace(/Exception$/, '') === 'InvalidIdentityToken'

/**
 * Proves the role: the token exchanged for a session (AssumeRoleWithWebIdentity), then
 * GetCallerIdentity signed with it. A refusal is retried with backoff while the token's `sub` is one the
 * trust policy admits (IAM propagating); a `sub` it does not admit fails at once, since waiting cannot help.
 */
export async function proveRole(request: ProofRequest, timing: ProofTiming = PROOF_TIMING): Promise<string> {
  const sts = createStsClient({ ...request.sts, maxAttempts: request.sts.maxAttempts })
  const sub = decodeTokenClaims(request.token)?.sub ?? ''
  const deadline = timing.now() + timing.budgetMs
  const command = new AssumeRoleWithWebIdentityCommand({
    RoleArn: request.roleArn,
    RoleSessionName: 'aws-auth-check-migration-proof',
    WebIdentityToken: request.token,
    DurationSeconds: 900
  })
  for (let attempt = 1; ; attempt++) {
    try {
      const { Credentials: c } = await sts.send(command)
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
        throw new Error('STS answered without credentials')
      request.mask(c.SecretAccessKey)
      request.mask(c.SessionToken)
      request.mask(c.AccessKeyId)
      const session = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken
      }
      const identity = await createStsClient({ ...request.sts, credentials: session }).send(
        new GetCallerIdentityCommand({})
      )
      return identity.Arn ?? ''
    } catch (error) {
      if (!NOT_YET(error)) throw error
      if (!subjectAdmitted(request.subjects, sub)) {
        throw new StepFailure(
          '',
          `AWS refused this job's token (${errorCodeOf(error)}): its sub ${sub} is not one the trust policy admits (${request.subjects.join(', ')}). Run apply from a job the subjects cover, or widen migrate-subject`
        )
      }
      const delay = timing.delayMs(attempt)
      if (timing.now() + delay > deadline) {
        throw new StepFailure(
          '',
          `AWS still refused this job's token for ${request.roleArn} after ${attempt} attempts in ${Math.round(timing.budgetMs / 1000)} s (${errorCodeOf(error)}): ${error instanceof Error ? error.message : String(error)}`
        )
      }
      await timing.sleep(delay)
    }
  }
}
