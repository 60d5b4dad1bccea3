import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import type { Settings } from '../inputs/settings.js'

/** The one input the account-id helpers read: mask-aws-account-id. */
export type MaskSettings = Pick<Settings, 'maskAccountId'>
import type { AwsCredentials } from '../aws/aws-credentials.js'

/** Masks the secrets among the inputs; main calls it before anything else can print. */
export function maskInputSecrets(
  settings: Pick<Settings, 'secretAccessKey' | 'sessionToken' | 'githubToken' | 'accessKeyId' | 'httpProxy'>
): void {
  // The access key id too, as configure-aws-credentials masks it: messages show it only as AKIA…last4.
  for (const secret of [
    settings.secretAccessKey,
    settings.sessionToken,
    settings.githubToken,
    settings.accessKeyId,
    proxyPassword(settings.httpProxy)
  ]) {
    if (secret) core.setSecret(secret)
  }
}

/** The password in a proxy URL (http://user:password@host), decoded as it could appear in a message. */
function proxyPassword(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const password = new URL(url).password
    return password ? decodeURIComponent(password) : undefined
  } catch {
    return undefined
  }
}

/** Masks credentials the moment they are obtained (assumed sessions come back from AWS). */
export function maskCredentials(credentials: AwsCredentials): void {
  core.setSecret(credentials.accessKeyId)
  core.setSecret(credentials.secretAccessKey)
  if (credentials.sessionToken) core.setSecret(credentials.sessionToken)
}

/** With mask-aws-account-id, the account id is masked as soon as it is known. */
export function maskAccountId(settings: MaskSettings, accountId: string | undefined): void {
  if (settings.maskAccountId && accountId) core.setSecret(accountId)
}

/**
 * How files name the account. With mask-aws-account-id the id goes nowhere: the job summary, the report
 * file and the GitHub issue are not log output, so no mask covers them; they get a stable hash instead.
 */
export function accountLabel(settings: MaskSettings, accountId: string): string {
  if (!settings.maskAccountId) return accountId
  return `sha256:${createHash('sha256').update(accountId).digest('hex').slice(0, 16)}`
}

/** Replaces the account id (in ARNs and AWS's messages too) in text bound for those files. */
export function redactAccountId(
  settings: MaskSettings,
  accountId: string | undefined
): (text: string) => string {
  if (!settings.maskAccountId || !accountId) return text => text
  const label = accountLabel(settings, accountId)
  return text => text.replaceAll(accountId, label)
}
