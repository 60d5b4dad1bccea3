// The IAM credential report as AWS generates it: one CSV row per IAM user plus <root_account>, in
// AWS's column order, with AWS's placeholder values (N/A, no_information, not_supported).
import type { AccessKey, AccountState, User } from './account-state.js'

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated'
] as const

/** The report's timestamps are ISO 8601 with an explicit +00:00 offset, e.g. 2024-02-05T21:34:41+00:00. */
export const reportTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, '+00:00')

function keyColumns(key: AccessKey | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A']
  return [
    String(key.status === 'Active'),
    reportTime(key.createDate),
    key.lastUsed ? reportTime(key.lastUsed.date) : 'N/A',
    key.lastUsed?.region ?? 'N/A',
    key.lastUsed?.service ?? 'N/A'
  ]
}

const noCerts = ['false', 'N/A', 'false', 'N/A']

function userRow(user: User): string[] {
  const passwordLastUsed = !user.passwordEnabled
    ? 'N/A'
    : user.passwordLastUsed
      ? reportTime(user.passwordLastUsed)
      : 'no_information'
  return [
    user.name,
    user.arn,
    reportTime(user.createDate),
    String(user.passwordEnabled),
    passwordLastUsed,
    user.passwordEnabled ? reportTime(user.createDate) : 'N/A',
    'N/A',
    String(user.mfaActive),
    ...keyColumns(user.accessKeys[0]),
    ...keyColumns(user.accessKeys[1]),
    ...noCerts
  ]
}

export function buildCredentialReportCsv(account: AccountState): string {
  const root = account.root
  const rootRow = [
    '<root_account>',
    root.arn,
    reportTime(account.createDate),
    'not_supported',
    root.passwordLastUsed ? reportTime(root.passwordLastUsed) : 'no_information',
    'not_supported',
    'not_supported',
    String(root.mfaActive),
    ...keyColumns(root.accessKeys[0]),
    ...keyColumns(root.accessKeys[1]),
    ...noCerts
  ]
  // No field AWS emits needs quoting (names are [\w+=,.@-] and never contain commas).
  const rows = [CREDENTIAL_REPORT_COLUMNS as readonly string[], rootRow, ...account.users.map(userRow)]
  return rows.map(r => r.join(',')).join('\n')
}
