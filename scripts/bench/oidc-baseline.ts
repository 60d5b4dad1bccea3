// The bench's OIDC baseline: the least an OIDC credentials action must do — request the GitHub token,
// exchange it with AssumeRoleWithWebIdentity, prove the session with GetCallerIdentity — bundled the same
// way as the action. One STS client for both calls, so the second reuses the first one's connection, as
// a careful implementation would. The role comes from BENCH_ROLE_ARN.
import * as core from '@actions/core'
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'

const token = await core.getIDToken('sts.amazonaws.com')
const assumedRole: { session?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } } = {}
const sts = new STSClient({
  region: process.env.AWS_REGION ?? 'us-east-1',
  credentials: async () => {
    if (!assumedRole.session) throw new Error('no session yet')
    return assumedRole.session
  }
})
const assumed = await sts.send(
  new AssumeRoleWithWebIdentityCommand({
    RoleArn: process.env.BENCH_ROLE_ARN,
    RoleSessionName: 'bench',
    WebIdentityToken: token
  })
)
const c = assumed.Credentials!
assumedRole.session = {
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken
}
const identity = await sts.send(new GetCallerIdentityCommand({}))
console.log(identity.Arn)
