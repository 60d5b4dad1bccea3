/** The parts of an IAM role ARN that messages and completions need. */
export interface RoleArn {
  /** aws, aws-cn, aws-us-gov, … */
  readonly partition: string
  readonly account: string
  readonly name: string
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/
/** Any IAM or STS principal ARN: a user, a role, an assumed-role session, the root. */
const PRINCIPAL_ARN = /^arn:(aws[a-z-]*):(?:iam|sts)::(\d{12}):(.+)$/

export function parseRoleArn(arn: string): RoleArn | undefined {
  const match = ROLE_ARN.exec(arn)
  return match ? { partition: match[1], account: match[2], name: match[3] } : undefined
}

/** `role-to-assume` is either a full role ARN or a bare role name. */
export function isBareRoleName(roleToAssume: string): boolean {
  return !roleToAssume.startsWith('arn:')
}

/**
 * Completes a bare role name with the partition and account of the identity that will assume it (the
 * ARN from GetCallerIdentity), so `role-to-assume: deploy` works in aws, aws-cn and aws-us-gov alike.
 * A full ARN is returned as it is.
 */
export function completeRoleArn(roleToAssume: string, callerArn: string): string {
  if (!isBareRoleName(roleToAssume)) return roleToAssume
  const match = PRINCIPAL_ARN.exec(callerArn)
  if (!match) throw new Error(`cannot read partition and account from caller ARN ${callerArn}`)
  return `arn:${match[1]}:iam::${match[2]}:role/${roleToAssume}`
}

/**
 * The ARN a trust policy names to let this caller in. A session ARN
 * (`arn:aws:sts::1:assumed-role/ci/run-7`) changes with every session name, so a policy names the role
 * behind it instead; the role's path is not in the session ARN, so this is right for roles at `/`.
 */
export function trustPrincipalOf(callerArn: string): string {
  const match = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn)
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : callerArn
}
