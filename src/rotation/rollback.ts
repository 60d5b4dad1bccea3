import { formatKeyId } from '../aws/access-key-id.js'
import { describeTarget } from './secret-location.js'
import type { KeyApi } from './iam-keys.js'
import { writeKey, type KeyValues, type PreparedTarget, type SecretsApi } from './secret-targets.js'
import type { Timeline } from '../steps/timeline.js'

export interface RollbackInput {
  readonly keys: KeyApi
  readonly github: SecretsApi
  readonly timeline: Timeline
  /** The key in use before the rotation: what the secrets get back. */
  readonly oldKey: KeyValues
  /** The key CreateAccessKey made, if it got that far. */
  readonly newKeyId?: string
  /** Every secret a write of the new key was attempted on (it may have applied even if it failed). */
  readonly touched: readonly PreparedTarget[]
  /** Of those, the ones whose write of the new key failed: they may hold either key. */
  readonly unconfirmed: readonly PreparedTarget[]
}

export interface RollbackResult {
  readonly complete: boolean
  /** What the user must know: where things stand now, one sentence per fact. */
  readonly summary: string
  /** The state left, one line per secret and key, for the job summary. */
  readonly state: readonly string[]
}

const keyName = (target: PreparedTarget, id: string): string =>
  target.holds === 'key-id' ? formatKeyId(id) : `the secret of ${formatKeyId(id)}`

/**
 * Undoes a rotation that failed before the old key was deactivated: writes the old values back to every
 * secret a write was attempted on, then deletes the new key. The old key was never touched.
 */
export async function rollBack(input: RollbackInput): Promise<RollbackResult> {
  const started = input.timeline.now()
  const old = formatKeyId(input.oldKey.accessKeyId)
  if (input.touched.length === 0 && input.newKeyId === undefined) {
    return {
      complete: true,
      summary: `Nothing changed: ${old} is still active and in the secrets.`,
      state: [`${old} is Active and in the secrets (nothing changed)`]
    }
  }
  const failedRestores = await writeKey(input.github, input.touched, input.oldKey)
  let deleteError: string | undefined
  // A secret that could not be restored may still hold the new key: deleting it would break that secret.
  if (failedRestores.length > 0) deleteError = 'kept, because a secret may still hold it'
  else if (input.newKeyId !== undefined) {
    try {
      await input.keys.remove(input.newKeyId)
    } catch (error) {
      deleteError = error instanceof Error ? error.message : String(error)
    }
  }
  const complete = failedRestores.length === 0 && deleteError === undefined
  const fresh = input.newKeyId === undefined ? undefined : formatKeyId(input.newKeyId)
  const state = [
    ...input.touched.map(t => {
      const failed = failedRestores.find(f => f.target === t)
      const oldName = keyName(t, input.oldKey.accessKeyId)
      const newName = input.newKeyId ? keyName(t, input.newKeyId) : oldName
      const holds = !failed
        ? oldName
        : input.unconfirmed.includes(t)
          ? `${oldName} or ${newName} (both writes failed; check it)`
          : newName
      return `${describeTarget(t)} holds ${holds}${failed ? ` (restoring it failed: ${failed.cause})` : ''}`
    }),
    ...(fresh === undefined
      ? []
      : [
          deleteError
            ? `${fresh} is still Active (${failedRestores.length > 0 ? deleteError : `deleting it failed: ${deleteError}`})`
            : `${fresh} was deleted`
        ]),
    `${old} is Active (never changed)`
  ]
  const detail = complete
    ? `${input.touched.length} secret(s) written back, ${fresh ?? 'no new key'}${fresh ? ' deleted' : ''}`
    : `incomplete: ${failedRestores.length} secret(s) not restored${deleteError ? `, ${fresh} not deleted` : ''}`
  input.timeline.record('Roll back', started, complete ? 'rolled back' : 'failed', detail)
  const summary = complete
    ? `Rolled back: ${input.touched.length > 0 ? `${input.touched.length} secret(s) written back to ${old}, ` : ''}${fresh ? `new key ${fresh} deleted, ` : ''}${old} still active. Nothing changed.`
    : `ROLLBACK INCOMPLETE, fix by hand: ${state.join('; ')}.`
  return { complete, summary, state }
}
