import { spawn } from 'node:child_process'
import { setPriority } from 'node:os'
import type { AwsCredentials } from '../auth/credentials.js'
import type { RefreshPlan } from './refresh-plan.js'
import type { RenewalAnswer } from './renewal-process.js'

/** A renewal that has not answered by then is killed and counted a failure (the loop retries). */
export const RENEWAL_LIMIT_MS = 120_000

/** A renewal that failed; `permanent`: GitHub refuses the job a token, so no later attempt can succeed. */
export class RenewalFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean
  ) {
    super(message)
    this.name = 'RenewalFailure'
  }
}

export const isPermanentFailure = (error: unknown): boolean =>
  error instanceof RenewalFailure && error.permanent

/**
 * Renews in a process of its own (renewal-process.ts): `script --renew`, the plan through its pipe, the
 * endpoint's own (already scrubbed) environment, niced so that serving requests keeps the CPU while
 * the SDK loads. Resolves with the new credentials or rejects with a RenewalFailure.
 */
export function renewInChild(
  script: string,
  plan: RefreshPlan,
  limitMs = RENEWAL_LIMIT_MS
): Promise<AwsCredentials> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--renew'], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'json',
      windowsHide: true
    })
    const settle = (outcome: () => void): void => {
      clearTimeout(timer)
      child.removeAllListeners()
      if (child.exitCode === null) child.kill()
      outcome()
    }
    const failRenewal = (message: string): void => settle(() => reject(new RenewalFailure(message, false)))
    const timer = setTimeout(
      () => failRenewal(`the renewal did not finish within ${limitMs / 1000} s`),
      limitMs
    )
    child.once('error', error => failRenewal(`could not start the renewal process: ${error.message}`))
    // 'close', not 'exit': it comes after the pipe has delivered everything the process sent.
    child.once('close', code =>
      failRenewal(`the renewal process exited with code ${code ?? 'none'} without answering`)
    )
    child.once('message', message => {
      const answer = message as RenewalAnswer
      if ('error' in answer) return settle(() => reject(new RenewalFailure(answer.error, answer.permanent)))
      const { credentials, expiresAt } = answer
      settle(() =>
        resolve({ ...credentials, expiration: expiresAt === undefined ? undefined : new Date(expiresAt) })
      )
    })
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, 10)
      } catch {
        // Not allowed here: the renewal runs at normal priority.
      }
    }
    try {
      child.send(plan)
    } catch (error) {
      failRenewal(
        `could not hand the renewal process its plan: ${error instanceof Error ? error.message : String(error)}`
      )
    }
  })
}
