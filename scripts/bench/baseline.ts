// The bench's baseline: the least a credentials action must do — one GetCallerIdentity with the STS
// client, bundled the same way as the action. Credentials come from the environment.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'

const sts = new STSClient({ region: process.env.AWS_REGION ?? 'us-east-1' })
const identity = await sts.send(new GetCallerIdentityCommand({}))
console.log(identity.Arn)
