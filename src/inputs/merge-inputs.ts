import * as core from '@actions/core'
import { boolean, InputError, optional, readRaw, type Read } from './read-input.js'

/**
 * The audit-merge sub-action's inputs (audit-merge/action.yml). It reads only these: it runs in a job
 * of its own, with no AWS credentials.
 */
export interface MergeSettings {
  /** A directory (searched recursively for *.json) or a glob of shard report files. */
  readonly reports: string
  /** Where to write the merged report. */
  readonly reportPath?: string
  readonly failOnFindings: boolean
  readonly openIssue: boolean
  readonly githubToken?: string
}

/** Reads and validates the merge's inputs; the only caller of `core.getInput` in the merge. */
export function readMergeSettings(read: Read = readRaw): MergeSettings {
  const reports = optional(read, 'reports')
  if (reports === undefined) {
    throw new InputError(
      'reports',
      'is required: the directory the shard reports were downloaded to (actions/download-artifact), or a glob such as shard-reports/**/*.json.'
    )
  }
  const settings: MergeSettings = {
    reports,
    reportPath: optional(read, 'report-path'),
    failOnFindings: boolean(read, 'fail-on-findings', true),
    openIssue: boolean(read, 'open-issue', false),
    githubToken: optional(read, 'github-token')
  }
  if (settings.openIssue && settings.githubToken === undefined) {
    throw new InputError(
      'github-token',
      'is empty, and open-issue needs it to write the audit issue. Leave github-token at its default (${{ github.token }}) with `permissions: issues: write`, or pass a token that may write issues.'
    )
  }
  for (const [field, value] of Object.entries(settings)) {
    core.debug(`input ${field} = ${field === 'githubToken' ? '***' : JSON.stringify(value)}`)
  }
  return Object.freeze(settings)
}
