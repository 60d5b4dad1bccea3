// AWS Organizations: ListAccounts with NextToken/MaxResults paging. Organizations speaks the awsJson1_1
// protocol (POST /, X-Amz-Target: AWSOrganizationsV20161128.<Action>, JSON bodies, errors as
// {"__type": code}), not Query: server.ts routes it here by the signature's service name.
import { AwsError } from './aws-error.js'
import { requireIdentity, type ActionContext, type ActionHandler } from './action-context.js'
import { evaluatePolicies } from './policy-evaluation.js'

/** The X-Amz-Target prefix Organizations' actions carry. */
export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128.'

const invalidInput = (message: string): AwsError => new AwsError(400, 'InvalidInputException', message)

function pageBounds(ctx: ActionContext): { start: number; max: number } {
  const body = ctx.json ?? {}
  const max = body.MaxResults === undefined ? 20 : Number(body.MaxResults)
  if (!Number.isInteger(max) || max < 1 || max > 20) {
    throw invalidInput('You provided a value that does not match the required pattern. (MaxResults: 1-20)')
  }
  if (body.NextToken === undefined) return { start: 0, max }
  const start = Number(
    Buffer.from(String(body.NextToken), 'base64')
      .toString('utf8')
      .replace(/^accounts:/, '')
  )
  if (!Number.isInteger(start) || start < 0) throw invalidInput('The NextToken is not valid.')
  return { start, max }
}

const listAccounts: ActionHandler = ctx => {
  const identity = requireIdentity(ctx)
  if (evaluatePolicies(identity.policies, 'organizations:ListAccounts').decision !== 'allowed') {
    throw new AwsError(400, 'AccessDeniedException', "You don't have permissions to access this resource.")
  }
  const organization = ctx.state.organization
  if (!organization) {
    throw new AwsError(
      400,
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.'
    )
  }
  const management = ctx.state.account.accountId
  const joined = Math.floor(ctx.state.account.createDate.getTime() / 1000)
  const arn = (id: string) => `arn:aws:organizations::${management}:account/${organization.id}/${id}`
  const accounts = [
    {
      Id: management,
      Arn: arn(management),
      Email: `management@${organization.id}.example`,
      Name: organization.managementName ?? 'management',
      State: 'ACTIVE'
    },
    ...organization.accounts.map(a => ({
      Id: a.id,
      Arn: arn(a.id),
      Email: a.email ?? `${a.id}@${organization.id}.example`,
      Name: a.name,
      State: a.state ?? 'ACTIVE'
    }))
  ].map(a => ({ ...a, Status: a.State, JoinedMethod: 'CREATED', JoinedTimestamp: joined }))
  const { start, max } = pageBounds(ctx)
  const slice = accounts.slice(start, start + max)
  const next = start + slice.length
  return {
    Accounts: slice,
    ...(next < accounts.length ? { NextToken: Buffer.from(`accounts:${next}`).toString('base64') } : {})
  }
}

export const ORGANIZATIONS_ACTIONS: Record<string, ActionHandler> = {
  ListAccounts: listAccounts
}
