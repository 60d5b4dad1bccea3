/**
 * How an access key id is shown anywhere we print one: the prefix that tells its kind (AKIA long-lived,
 * ASIA temporary) and the last four characters, never the whole id.
 */
export function formatKeyId(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return '…'
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`
}

/** Long-lived IAM user keys start with AKIA; STS-issued temporary keys start with ASIA. */
export function isTemporaryKeyId(accessKeyId: string): boolean {
  return accessKeyId.startsWith('ASIA')
}
