import { parse } from 'csv-parse/sync'
import { ROOT_USER, type KeyRecord } from './key-record.js'

/** What the credential report says about the account's keys. */
export interface ParsedCredentialReport {
  /** IAM users, excluding the root row. */
  readonly users: number
  readonly keys: KeyRecord[]
}

const SLOTS = [1, 2] as const

/** The columns the rules read. The report has more (passwords, MFA, certificates); they are ignored. */
const REQUIRED_COLUMNS = [
  'user',
  ...SLOTS.flatMap(slot => [
    `access_key_${slot}_active`,
    `access_key_${slot}_last_rotated`,
    `access_key_${slot}_last_used_date`,
    `access_key_${slot}_last_used_service`
  ])
]

/**
 * The report writes "no value" in several ways: N/A (no key, never used), no_information (the root
 * password), not_supported (root fields that do not apply). None of them is a date.
 */
const NO_VALUE = new Set(['', 'N/A', 'no_information', 'not_supported'])

export class CredentialReportFormatError extends Error {
  constructor(detail: string) {
    super(`The IAM credential report is not in the expected format: ${detail}`)
    this.name = 'CredentialReportFormatError'
  }
}

function reportDate(value: string | undefined, column: string, user: string): Date | undefined {
  if (value === undefined || NO_VALUE.has(value)) return undefined
  const date = new Date(value)
  // A date we cannot read must not silently turn into "never used" or "no key": that hides findings.
  if (Number.isNaN(date.getTime())) {
    throw new CredentialReportFormatError(`${column} of user ${user} is '${value}', not a date`)
  }
  return date
}

function optionalText(value: string | undefined): string | undefined {
  return value === undefined || NO_VALUE.has(value) ? undefined : value
}

function keysOfRow(row: Record<string, string>): KeyRecord[] {
  const user = row.user
  const keys: KeyRecord[] = []
  for (const slot of SLOTS) {
    // last_rotated is the key's creation (or last rotation) time, N/A when the slot holds no key.
    const createdAt = reportDate(
      row[`access_key_${slot}_last_rotated`],
      `access_key_${slot}_last_rotated`,
      user
    )
    if (createdAt === undefined) continue
    const lastUsedAt = reportDate(
      row[`access_key_${slot}_last_used_date`],
      `access_key_${slot}_last_used_date`,
      user
    )
    keys.push({
      user,
      root: user === ROOT_USER,
      keyLabel: `key ${slot}`,
      active: row[`access_key_${slot}_active`] === 'true',
      createdAt,
      ...(lastUsedAt ? { lastUsedAt } : {}),
      ...(lastUsedAt ? { lastUsedService: optionalText(row[`access_key_${slot}_last_used_service`]) } : {})
    })
  }
  return keys
}

/**
 * Parses the CSV of GetCredentialReport into one record per access key (both slots of every user, and
 * the root user's). Throws {@link CredentialReportFormatError} when a column the rules need is missing.
 */
export function parseCredentialReport(csv: string): ParsedCredentialReport {
  if (csv.trim() === '') throw new CredentialReportFormatError('it is empty')
  const rows: Record<string, string>[] = parse(csv, {
    // Checked on the header itself, so a report with no users still proves it has the right columns.
    columns: (header: string[]) => {
      const missing = REQUIRED_COLUMNS.filter(column => !header.includes(column))
      if (missing.length > 0) throw new CredentialReportFormatError(`missing column(s) ${missing.join(', ')}`)
      return header
    },
    skip_empty_lines: true,
    trim: true,
    bom: true
  })
  let users = 0
  const keys: KeyRecord[] = []
  for (const row of rows) {
    if (row.user !== ROOT_USER) users++
    keys.push(...keysOfRow(row))
  }
  return { users, keys }
}
