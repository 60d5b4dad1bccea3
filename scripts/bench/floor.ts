// The bench's floor: the default checks' four calls with no action around them. GetCallerIdentity, then
// DescribeRegions, ListUsers and ListAccessKeys side by side, on three SDK clients that share one
// keep-alive agent. The SDK loads in chunks as the action loads it (STS first; IAM and EC2 while
// GetCallerIdentity is out), and the bench builds it the way dist/ is built. Credentials come from the
// environment. The action's wall time over the floor's is what the action itself adds: the inputs,
// masking, connections opened ahead, the checks' diagnosis, the report and the exports.
import { Agent } from 'node:https'

const region = process.env.AWS_REGION ?? 'us-east-1'
const requestHandler = { httpsAgent: new Agent({ keepAlive: true }) }
const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts')
const identity = new STSClient({ region, requestHandler }).send(new GetCallerIdentityCommand({}))
const [iamSdk, ec2Sdk] = await Promise.all([
  import('../../src/aws/iam-sdk.js'),
  import('../../src/aws/ec2-sdk.js')
])
const { Arn } = await identity
const iam = new iamSdk.IAMClient({ region, requestHandler })
const ec2 = new ec2Sdk.EC2Client({ region, requestHandler })
const [regions, users, keys] = await Promise.all([
  ec2.send(new ec2Sdk.DescribeRegionsCommand({})),
  iam.send(new iamSdk.ListUsersCommand({ MaxItems: 1000 })),
  iam.send(new iamSdk.ListAccessKeysCommand({}))
])
console.log(Arn, regions.Regions?.length, users.Users?.length, keys.AccessKeyMetadata?.length)
