import { clientOptions, createIamClient, type IamApi } from '../../aws/clients.js'
import { getCallerIdentity } from '../../auth/caller-identity.js'
import { isAccessDenied } from '../../aws/error-code.js'
import { completeRoleArn, parseRoleArn, trustPrincipalOf } from '../../auth/role-arn.js'
import type { CheckContext } from '../check-result.js'

/** Whose policies the simulation evaluates. */
export type Principal =
  | {
      readonly kind: 'user' | 'role'
      readonly arn: string
      readonly account: string
      readonly partition: string
    }
  | { readonly kind: 'root'; readonly arn: string }
  | { readonly kind: 'unsupported'; readonly arn: string }

/** What the caller ARN alone says about the principal (pure). */
export type CallerClass =
  | { readonly kind: 'principal'; readonly principal: Principal }
  /** An assumed role whose path the session ARN does not carry: ask IAM (GetRole), else guess `/`. */
  | { readonly kind: 'role-by-name'; readonly name: string; readonly guess: string }

const USER_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):user\/(?:.*\/)?[^/]+$/
const ROOT_ARN = /^arn:aws[a-z-]*:iam::\d{12}:root$/
const SESSION_ARN = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/

/**
 * The simulation takes a user or role ARN, never a session: for an assumed role that is the role ARN,
 * whose path (`role/ci/deploy`) the session ARN leaves out. role-to-assume, when it names the same role,
 * is the ARN the role was assumed by, path included.
 */
export function classifyCaller(callerArn: string, roleToAssume?: string): CallerClass {
  const user = USER_ARN.exec(callerArn)
  if (user)
    return {
      kind: 'principal',
      principal: { kind: 'user', arn: callerArn, partition: user[1]!, account: user[2]! }
    }
  if (ROOT_ARN.test(callerArn)) return { kind: 'principal', principal: { kind: 'root', arn: callerArn } }
  const session = SESSION_ARN.exec(callerArn)
  if (!session) return { kind: 'principal', principal: { kind: 'unsupported', arn: callerArn } }
  const [, partition, account, name] = session as unknown as [string, string, string, string]
  if (roleToAssume !== undefined) {
    const roleArn = completeRoleArn(roleToAssume, callerArn)
    const role = parseRoleArn(roleArn)
    if (role && role.name === name && role.account === account) {
      return { kind: 'principal', principal: { kind: 'role', arn: roleArn, partition, account } }
    }
  }
  return { kind: 'role-by-name', name, guess: trustPrincipalOf(callerArn) }
}

async function callerArnOf({ settings, obtained, callerIdentity }: CheckContext): Promise<string> {
  if (obtained.assumedRoleArn) return obtained.assumedRoleArn
  // With stored keys the identity check's call is already out: its answer names the caller too.
  return (await (callerIdentity ?? getCallerIdentity(settings, obtained.credentials))).Arn ?? ''
}

async function roleArnByName(iam: IamApi, name: string, guess: string): Promise<string> {
  try {
    return (await iam.client.send(new iam.sdk.GetRoleCommand({ RoleName: name }))).Role?.Arn ?? guess
  } catch (error) {
    // Without iam:GetRole the path cannot be read; `/` is right for most roles, and a wrong guess
    // makes the simulation answer NoSuchEntity, which the check reports.
    if (isAccessDenied(error)) return guess
    throw error
  }
}

async function resolvePrincipal(context: CheckContext, iam: IamApi): Promise<Principal> {
  const caller = classifyCaller(await callerArnOf(context), context.settings.roleToAssume)
  if (caller.kind === 'principal') return caller.principal
  const arn = await roleArnByName(iam, caller.name, caller.guess)
  const role = parseRoleArn(arn)
  return role
    ? { kind: 'role', arn, partition: role.partition, account: role.account }
    : { kind: 'unsupported', arn }
}

// permissions and escalation run side by side: one lookup serves both.
const resolved = new WeakMap<CheckContext['obtained'], Promise<Principal>>()

/** The principal whose policies to simulate, and an IAM client signed with the credentials in use. */
export async function principalAndClient(
  context: CheckContext
): Promise<{ principal: Principal; iam: IamApi }> {
  const iam = await createIamClient(clientOptions(context.settings, context.obtained.credentials))
  let principal = resolved.get(context.obtained)
  if (principal === undefined) {
    principal = resolvePrincipal(context, iam)
    resolved.set(context.obtained, principal)
  }
  return { principal: await principal, iam }
}
