/** Where the audit read the account's keys from. */
export type InventorySource = 'credential-report' | 'iam-api'

/** The IAM credential report names the root user this way; so do our findings. */
export const ROOT_USER = '<root_account>'

/** One access key of one IAM user (or of the root user), as the CIS rules need it. */
export interface KeyRecord {
  /** IAM user name, or {@link ROOT_USER}. */
  readonly user: string
  readonly root: boolean
  /**
   * How the key is shown: `AKIA…last4` when the id is known (IAM API), otherwise its slot, `key 1` or
   * `key 2`, because the credential report carries no key ids. The full id never leaves the reader.
   */
  readonly keyLabel: string
  readonly active: boolean
  readonly createdAt: Date
  /** Absent when AWS has no record of the key ever being used. */
  readonly lastUsedAt?: Date
  /** The service it was last used with, e.g. `s3`; absent when never used. */
  readonly lastUsedService?: string
}

/** Everything the rules look at: every key in the account, and how it was read. */
export interface KeyInventory {
  readonly source: InventorySource
  /** IAM users in the account (the root user is not counted). */
  readonly users: number
  readonly keys: readonly KeyRecord[]
  /**
   * Only the IAM API path sets this (from GetAccountSummary): the credential report lists root keys as
   * records, but ListAccessKeys cannot see them. Undefined when it could not be read.
   */
  readonly rootAccessKeysPresent?: boolean
  /** When the data was current: the credential report's generation time, or when the API was read. */
  readonly asOf: Date
  /** Why this source was used and anything it could not see, for the summary. */
  readonly notes: readonly string[]
}
