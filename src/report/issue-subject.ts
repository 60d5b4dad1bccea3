/** What one audit issue tracks, rendered: an account's audit, or an organization's merged audit. */
export interface IssueSubject {
  /** The hidden line that finds the issue again, whatever its title becomes. */
  readonly marker: string
  /** `account 123456789012`, `organization o-abc123`: for the closing and reopening comments. */
  readonly scope: string
  readonly findings: number
  /** When the audit ran (ISO 8601). */
  readonly generatedAt: string
  readonly title: string
  readonly body: string
}
