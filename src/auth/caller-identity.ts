import { GetCallerIdentityCommand, type GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts'
import { createStsClient, clientOptions, type ClientSettings } from '../aws/clients.js'
import type { AwsCredentials } from './credentials.js'
import { storedCredentials, type StoredKeySettings } from './stored-keys.js'

/** `aws sts get-caller-identity` with these credentials (no IAM policy can deny it). */
export function getCallerIdentity(
  settings: ClientSettings,
  credentials: AwsCredentials
): Promise<GetCallerIdentityCommandOutput> {
  return createStsClient(clientOptions(settings, credentials)).send(new GetCallerIdentityCommand({}))
}

/**
 * GetCallerIdentity signed with the stored keys: with stored keys it is the run's first request, which
 * the head start sends with only STS loaded (the identity check then takes its answer).
 */
export function storedKeysIdentity(
  settings: ClientSettings & StoredKeySettings
): Promise<GetCallerIdentityCommandOutput> {
  return getCallerIdentity(settings, storedCredentials(settings))
}

/**
 * The ARN of the identity behind source credentials (before any role is assumed): needed to complete a
 * bare role name with its account and partition, and to say who was refused.
 */
export async function callerArnOf(settings: ClientSettings, credentials: AwsCredentials): Promise<string> {
  const response = await getCallerIdentity(settings, credentials)
  if (!response.Arn) throw new Error('GetCallerIdentity returned no ARN')
  return response.Arn
}
