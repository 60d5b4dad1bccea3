import { InputError, boolean, integer, list, quoted, type Read } from './read-input.js'

/**
 * The validations the action knows; `identity` always runs. `permissions` is added by
 * require-permissions; `escalation` runs only when asked for, so nobody's existing runs gain a warning.
 */
export const CHECK_NAMES = ['identity', 'regions', 'users', 'key-age', 'permissions', 'escalation'] as const
export type CheckName = (typeof CHECK_NAMES)[number]

/** What an empty `checks` runs (the action.yml default). */
export const DEFAULT_CHECKS: readonly CheckName[] = ['identity', 'regions', 'users', 'key-age']

/** Which checks run, and how their results are judged. */
export interface CheckSettings {
  /** Accounts the identity may belong to; empty means any. */
  readonly allowedAccountIds: readonly string[]
  readonly maskAccountId: boolean
  /** Checks to run, identity first, no duplicates. */
  readonly checks: readonly CheckName[]
  readonly warnKeyAgeDays: number
  readonly maxKeyAgeDays: number
  readonly enforceKeyAge: boolean
  readonly failOnDenied: boolean
}

const ACCOUNT_ID = /^\d{12}$/

function readChecks(read: Read): CheckName[] {
  // Empty means the default, as for every other input: `checks: ${{ inputs.checks }}` passed nothing
  // must not quietly drop key-age enforcement.
  const names = list(read, 'checks')
  if (names.length === 0) return [...DEFAULT_CHECKS]
  const unknown = names.filter(n => !(CHECK_NAMES as readonly string[]).includes(n))
  if (unknown.length > 0) {
    throw new InputError(
      'checks',
      `unknown check ${unknown.map(quoted).join(', ')}. Expected a comma- or newline-separated list of: ${CHECK_NAMES.join(', ')}.`
    )
  }
  // identity always runs and comes first: every other check is read against it.
  return CHECK_NAMES.filter(n => n === 'identity' || names.includes(n))
}

function readAccountIds(read: Read): string[] {
  const ids = list(read, 'allowed-account-ids')
  const bad = ids.find(id => !ACCOUNT_ID.test(id))
  if (bad !== undefined) {
    throw new InputError(
      'allowed-account-ids',
      `got ${quoted(bad)}. Expected 12-digit AWS account ids, separated by commas or newlines.`
    )
  }
  return [...new Set(ids)]
}

export function readCheckInputs(read: Read): CheckSettings {
  return {
    allowedAccountIds: Object.freeze(readAccountIds(read)),
    maskAccountId: boolean(read, 'mask-aws-account-id', false),
    checks: Object.freeze(readChecks(read)),
    warnKeyAgeDays: integer(read, 'warn-key-age-days', 75, 1, 3650),
    maxKeyAgeDays: integer(read, 'max-key-age-days', 90, 1, 3650),
    enforceKeyAge: boolean(read, 'enforce-key-age', true),
    failOnDenied: boolean(read, 'fail-on-denied', false)
  }
}

export function validateCheckInputs(settings: CheckSettings): void {
  if (settings.warnKeyAgeDays > settings.maxKeyAgeDays) {
    throw new InputError(
      'warn-key-age-days',
      `${settings.warnKeyAgeDays} is greater than max-key-age-days (${settings.maxKeyAgeDays}). Expected warn-key-age-days <= max-key-age-days.`
    )
  }
}
