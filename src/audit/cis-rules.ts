import { ROOT_USER, type KeyInventory, type KeyRecord } from './key-record.js'

export type Severity = 'critical' | 'high' | 'medium' | 'low'

/** Most severe first: the order of the summary table and of the annotations. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low']

/**
 * The rules, their CIS AWS Foundations Benchmark control and severity. Severities follow AWS Security
 * Hub where it has a matching control: root access key (IAM.4) critical; unused credentials (IAM.8)
 * medium. A key past max-key-age-days is high because it is the one the action's own key-age check
 * fails a job for; past warn-key-age-days is medium (rotation is due); two active keys is low because it
 * is the normal state in the middle of a rotation, and only a problem when the rotation is never finished.
 */
export const RULES = {
  'cis-1.4-root-access-key': { cis: '1.4', severity: 'critical', title: 'root user access key' },
  'cis-1.14-key-expired': { cis: '1.14', severity: 'high', title: 'older than max-key-age-days' },
  'cis-1.14-key-aging': { cis: '1.14', severity: 'medium', title: 'older than warn-key-age-days' },
  'cis-1.12-key-unused': { cis: '1.12', severity: 'medium', title: 'unused for more than unused-key-days' },
  'cis-1.13-two-active-keys': { cis: '1.13', severity: 'low', title: 'two active keys' }
} as const satisfies Record<string, { cis: string; severity: Severity; title: string }>

export type RuleId = keyof typeof RULES

/** One problem with one key (or one user, for two active keys), as the report and the issue list it. */
export interface Finding {
  readonly user: string
  /** `AKIA…last4`, or `key 1`/`key 2` from the credential report, which has no key ids. */
  readonly accessKeyId: string
  readonly rule: RuleId
  readonly severity: Severity
  /** Whole days since the key was created; null when unknown (a root key seen only as a count). */
  readonly ageDays: number | null
  /** ISO time the key was last used; null when never used (or unknown). */
  readonly lastUsed: string | null
  /** What is wrong and how to fix it. */
  readonly message: string
}

export interface Thresholds {
  readonly warnKeyAgeDays: number
  readonly maxKeyAgeDays: number
  readonly unusedKeyDays: number
}

const DAY_MS = 86_400_000

/** Whole days from `from` to `now` (a clock a little behind AWS's never gives a negative age). */
export function wholeDays(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS))
}

/** "access key AKIA…ABCD of IAM user alice" / "access key 1 of IAM user alice". */
function keyPhrase(key: KeyRecord): string {
  const name = key.keyLabel.replace(/^key /, '')
  return key.root ? `The root user's access key ${name}` : `Access key ${name} of IAM user ${key.user}`
}

/** What to put after --access-key-id: the full id is never printed, so name the key another way. */
function idArgument(key: KeyRecord): string {
  return key.keyLabel.startsWith('key ')
    ? `<id of key ${key.keyLabel.slice(4)}>`
    : `<id ending ${key.keyLabel.slice(-4)}>`
}

/** The credential report has no key ids: say where to find them. */
function findIdHint(key: KeyRecord): string {
  return key.keyLabel.startsWith('key ')
    ? `; \`aws iam list-access-keys --user-name ${key.user}\` lists the ids in creation order`
    : ''
}

function lastUsedText(key: KeyRecord, now: Date): string {
  return key.lastUsedAt
    ? `last used ${wholeDays(key.lastUsedAt, now)} days ago${key.lastUsedService ? ` (${key.lastUsedService})` : ''}`
    : 'never used'
}

function finding(key: KeyRecord, rule: RuleId, now: Date, message: string): Finding {
  return {
    user: key.user,
    accessKeyId: key.keyLabel,
    rule,
    severity: RULES[rule].severity,
    ageDays: wholeDays(key.createdAt, now),
    lastUsed: key.lastUsedAt?.toISOString() ?? null,
    message
  }
}

function rootKeyFinding(key: KeyRecord, now: Date): Finding {
  return finding(
    key,
    'cis-1.4-root-access-key',
    now,
    `${keyPhrase(key)} is active (${wholeDays(key.createdAt, now)} days old, ${lastUsedText(key, now)}). No policy can limit the root user: delete the key (sign in as the root user → Security credentials → Access keys → Delete) and use IAM roles instead (CIS 1.4).`
  )
}

function ageFinding(key: KeyRecord, thresholds: Thresholds, now: Date): Finding | undefined {
  const age = wholeDays(key.createdAt, now)
  const rotate = `create a new key (\`aws iam create-access-key --user-name ${key.user}\`), update every secret and system that uses the old one, then deactivate it (\`aws iam update-access-key --user-name ${key.user} --access-key-id ${idArgument(key)} --status Inactive\`${findIdHint(key)}) and delete it once nothing breaks`
  if (age > thresholds.maxKeyAgeDays) {
    return finding(
      key,
      'cis-1.14-key-expired',
      now,
      `${keyPhrase(key)} is ${age} days old, over max-key-age-days (${thresholds.maxKeyAgeDays}). Rotate it now: ${rotate} (CIS 1.14).`
    )
  }
  if (age > thresholds.warnKeyAgeDays) {
    return finding(
      key,
      'cis-1.14-key-aging',
      now,
      `${keyPhrase(key)} is ${age} days old, over warn-key-age-days (${thresholds.warnKeyAgeDays}); it expires after ${thresholds.maxKeyAgeDays} days. Rotate it before then: ${rotate} (CIS 1.14).`
    )
  }
  return undefined
}

/**
 * CIS 1.12 measures a key that was never used from its creation: a key made yesterday for a rotation
 * in progress is not yet a finding, one made 100 days ago and never used is.
 */
function unusedFinding(key: KeyRecord, thresholds: Thresholds, now: Date): Finding | undefined {
  const idle = wholeDays(key.lastUsedAt ?? key.createdAt, now)
  if (idle <= thresholds.unusedKeyDays) return undefined
  const deactivate = `deactivate it (\`aws iam update-access-key --user-name ${key.user} --access-key-id ${idArgument(key)} --status Inactive\`${findIdHint(key)}) and delete it if nothing breaks`
  const why = key.lastUsedAt
    ? `was last used ${idle} days ago${key.lastUsedService ? ` (${key.lastUsedService})` : ''}`
    : `has never been used in the ${idle} days since it was created`
  return finding(
    key,
    'cis-1.12-key-unused',
    now,
    `${keyPhrase(key)} ${why}, more than unused-key-days (${thresholds.unusedKeyDays}). An unused key is risk without benefit: ${deactivate} (CIS 1.12).`
  )
}

function twoKeysFinding(keys: readonly KeyRecord[], now: Date): Finding {
  const [older, newer] = [...keys].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  const describe = (key: KeyRecord) =>
    `${key.keyLabel}, ${wholeDays(key.createdAt, now)} days old, ${lastUsedText(key, now)}`
  return finding(
    older,
    'cis-1.13-two-active-keys',
    now,
    `IAM user ${older.user} has two active access keys (${describe(older)}; ${describe(newer)}). Finish the rotation: once nothing uses the older key, deactivate and delete it, so each user has one active key (CIS 1.13).`
  )
}

/** The root key when the IAM API path only knows that one exists (GetAccountSummary counts it). */
function rootKeyFromSummary(): Finding {
  return {
    user: ROOT_USER,
    accessKeyId: 'root key',
    rule: 'cis-1.4-root-access-key',
    severity: RULES['cis-1.4-root-access-key'].severity,
    ageDays: null,
    lastUsed: null,
    message:
      'The root user has an access key (GetAccountSummary counts AccountAccessKeysPresent; active or not, the IAM API cannot tell without the credential report). No policy can limit the root user: delete the key (sign in as the root user → Security credentials → Access keys → Delete) and use IAM roles instead (CIS 1.4).'
  }
}

/**
 * Every finding for the account's keys. Pure: the same inventory, thresholds and time give the same
 * findings. Inactive keys are ignored (they cannot sign a request). A root key gets only the root
 * finding: the fix is to delete it, so rotation advice would mislead.
 */
export function evaluateKeys(
  inventory: Pick<KeyInventory, 'keys' | 'rootAccessKeysPresent'>,
  thresholds: Thresholds,
  now: Date
): Finding[] {
  const findings: Finding[] = []
  const activeByUser = new Map<string, KeyRecord[]>()
  for (const key of inventory.keys) {
    if (!key.active) continue
    if (key.root) {
      findings.push(rootKeyFinding(key, now))
      continue
    }
    const age = ageFinding(key, thresholds, now)
    if (age) findings.push(age)
    const unused = unusedFinding(key, thresholds, now)
    if (unused) findings.push(unused)
    activeByUser.set(key.user, [...(activeByUser.get(key.user) ?? []), key])
  }
  for (const keys of activeByUser.values()) {
    if (keys.length >= 2) findings.push(twoKeysFinding(keys, now))
  }
  if (inventory.rootAccessKeysPresent === true && !inventory.keys.some(k => k.root)) {
    findings.push(rootKeyFromSummary())
  }
  return findings
}
