import * as core from '@actions/core'
import { ActionError } from '../runtime/action-error.js'
import type { AwsCredentials } from './credentials.js'

/** What configure-aws-credentials' special-characters-workaround counts as a special character. */
const SPECIAL = /[!@#$%^&*()_+\-=[\]{};':"\\|,.<>/?]/

/**
 * Enough assume calls that a run practically never gives up: a 40-character base64 secret has no `+` or
 * `/` in about 28% of sessions, so 30 calls all failing has odds of about 5 in 100,000.
 */
export const MAX_SESSIONS = 30

export function isPlain(credentials: AwsCredentials): boolean {
  return !SPECIAL.test(credentials.accessKeyId) && !SPECIAL.test(credentials.secretAccessKey)
}

/**
 * special-characters-workaround: repeats the assume call until the session's key id and secret have no
 * special characters, for tools that mishandle them. Without it, the first session is used.
 */
export async function untilPlain<T extends { credentials: AwsCredentials }>(
  enabled: boolean,
  assume: () => Promise<T>
): Promise<T> {
  for (let session = 1; ; session++) {
    const obtained = await assume()
    if (!enabled || isPlain(obtained.credentials)) return obtained
    if (session >= MAX_SESSIONS) {
      throw new ActionError(
        `special-characters-workaround: none of ${MAX_SESSIONS} sessions had a secret access key without special characters. Re-run the job, or remove special-characters-workaround and quote the secret where it is used.`
      )
    }
    core.debug(`special-characters-workaround: session ${session} has special characters; assuming again`)
  }
}
