import { InputError, boolean, integer, oneOf, optional, type Read } from './read-input.js'

export type AuditScope = 'caller' | 'account' | 'organization'

/** The account audit, and the GitHub issue it keeps. */
export interface AuditSettings {
  readonly auditScope: AuditScope
  readonly unusedKeyDays: number
  readonly failOnFindings: boolean
  readonly githubToken?: string
  readonly openIssue: boolean
}

export function readAuditInputs(read: Read): AuditSettings {
  return {
    auditScope: oneOf(read, 'audit-scope', ['caller', 'account', 'organization'] as const, 'caller'),
    unusedKeyDays: integer(read, 'unused-key-days', 45, 1, 3650),
    failOnFindings: boolean(read, 'fail-on-findings', true),
    githubToken: optional(read, 'github-token'),
    openIssue: boolean(read, 'open-issue', false)
  }
}

export function validateAuditInputs(settings: AuditSettings): void {
  if (settings.openIssue && settings.auditScope === 'organization') {
    throw new InputError(
      'open-issue',
      "is not read by the organization audit: each shard writes a report, and the audit-merge sub-action keeps the organization's one issue. Set open-issue: true on org/aws-auth-check/audit-merge instead."
    )
  }
  if (settings.openIssue && settings.auditScope !== 'account') {
    throw new InputError(
      'open-issue',
      'only applies to the account audit. Set audit-scope: account, or remove open-issue.'
    )
  }
  if (settings.openIssue && settings.githubToken === undefined) {
    throw new InputError(
      'github-token',
      'is empty, and open-issue needs it to write the audit issue. Leave github-token at its default (${{ github.token }}) with `permissions: issues: write`, or pass a token that may write issues.'
    )
  }
}
