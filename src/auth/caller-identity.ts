import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { Settings } from '../inputs.js'
import { createStsClient, clientOptions } from '../aws/clients.js'
import type { AwsCredentials } from './credentials.js'

/**
 * The ARN of the identity behind source credentials (before any role is assumed): needed to complete a
 * bare role name with its account and partition, and to say who was refused.
 */
export async function callerArnOf(settings: Settings, credentials: AwsCredentials): Promise<string> {
  const sts = createStsClient(clientOptions(settings, credentials))
  const response = await sts.send(new GetCallerIdentityCommand({}))
  if (!response.Arn) throw new Error('GetCallerIdentity returned no ARN')
  return response.Arn
}
