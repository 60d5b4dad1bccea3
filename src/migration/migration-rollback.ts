import { errorCodeOf } from '../aws/error-code.js'
import type { Timeline } from '../steps/timeline.js'
import type { RoleApi } from './role-writes.js'

/** What this run wrote, in order: exactly what a rollback removes. */
export interface Created {
  /** The provider's ARN. */
  provider?: string
  /** The role's name. */
  role?: string
  readonly attached: string[]
  readonly inline: string[]
}

export interface MigrationRollback {
  readonly complete: boolean
  /** One sentence for the error: what was removed, or what is left to remove by hand. */
  readonly summary: string
}

/**
 * Removes what this run created, newest first (inline policies, attachments, the role, the provider).
 * Nothing that existed before the run is touched; the user, its keys and the secrets never were.
 */
export async function rollBackMigration(
  iam: RoleApi,
  created: Created,
  timeline: Timeline
): Promise<MigrationRollback> {
  const started = timeline.now()
  const undo: { what: string; run: () => Promise<void> }[] = []
  const role = created.role
  if (role !== undefined) {
    for (const name of [...created.inline].reverse())
      undo.push({ what: `inline policy ${name}`, run: () => iam.deleteInline(role, name) })
    for (const arn of [...created.attached].reverse())
      undo.push({ what: `attachment of ${arn}`, run: () => iam.detach(role, arn) })
    undo.push({ what: `role ${role}`, run: () => iam.deleteRole(role) })
  }
  const provider = created.provider
  if (provider !== undefined)
    undo.push({ what: `OIDC provider ${provider}`, run: () => iam.deleteProvider(provider) })
  if (undo.length === 0)
    return { complete: true, summary: 'Nothing was written, so nothing was left behind.' }
  const left: string[] = []
  for (const step of undo) {
    try {
      await step.run()
    } catch (error) {
      // Already gone is what the undo wanted.
      if (errorCodeOf(error) !== 'NoSuchEntity') left.push(`${step.what} (${errorCodeOf(error)})`)
    }
  }
  const removed = undo.length - left.length
  timeline.record(
    'Roll back',
    started,
    left.length === 0 ? 'rolled back' : 'failed',
    left.length === 0 ? `${removed} write(s) undone` : `${left.length} left: ${left.join('; ')}`
  )
  return left.length === 0
    ? {
        complete: true,
        summary: `Rolled back: removed ${undo.map(u => u.what).join(', ')}; nothing was left behind.`
      }
    : {
        complete: false,
        summary: `ROLLBACK INCOMPLETE, delete by hand: ${left.join('; ')}.`
      }
}
