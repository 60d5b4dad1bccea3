import * as core from '@actions/core'
import type { Settings } from './inputs.js'
import type { AwsCredentials } from './auth/credentials.js'

/** Masks the secrets among the inputs; main calls it before anything else can print. */
export function maskInputSecrets(settings: Settings): void {
  for (const secret of [settings.secretAccessKey, settings.sessionToken, settings.githubToken]) {
    if (secret) core.setSecret(secret)
  }
}

/** Masks credentials the moment they are obtained (assumed sessions come back from AWS). */
export function maskCredentials(credentials: AwsCredentials): void {
  core.setSecret(credentials.secretAccessKey)
  if (credentials.sessionToken) core.setSecret(credentials.sessionToken)
}

/** With mask-aws-account-id, the account id is masked as soon as it is known. */
export function maskAccountId(settings: Settings, accountId: string | undefined): void {
  if (settings.maskAccountId && accountId) core.setSecret(accountId)
}
