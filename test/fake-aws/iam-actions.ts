// IAM: ListUsers (Marker/MaxItems paging), ListAccessKeys, GetAccessKeyLastUsed, the credential
// report pair and GetAccountSummary. Every call is authorised against the caller's allowed actions.
import { ROLE_QUOTAS, type AccessKey, type User } from './account-state.js'
import { AwsError, validationError } from './aws-error.js'
import {
  requireIdentity,
  type ActionContext,
  type ActionHandler,
  type ActionResult
} from './action-context.js'
import { buildCredentialReportCsv } from './credential-report.js'
import { requireAllowed } from './permissions.js'
import { XmlMap } from './xml.js'

function paging(ctx: ActionContext): { start: number; maxItems: number } {
  const rawMax = ctx.params.get('MaxItems')
  const maxItems = rawMax === null ? 100 : Number(rawMax)
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw validationError(
      `1 validation error detected: Value '${rawMax}' at 'maxItems' failed to satisfy constraint: Member must have value ${maxItems < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`
    )
  }
  const marker = ctx.params.get('Marker')
  if (marker === null) return { start: 0, maxItems }
  const start = Number(
    Buffer.from(marker, 'base64')
      .toString('utf8')
      .replace(/^offset:/, '')
  )
  if (!Number.isInteger(start) || start < 0) throw validationError('Invalid Marker')
  return { start, maxItems }
}

export function page<T>(
  items: readonly T[],
  ctx: ActionContext
): { slice: T[]; IsTruncated: boolean; Marker?: string } {
  const { start, maxItems } = paging(ctx)
  const slice = items.slice(start, start + maxItems)
  const next = start + slice.length
  const truncated = next < items.length
  return {
    slice,
    IsTruncated: truncated,
    ...(truncated ? { Marker: Buffer.from(`offset:${next}`).toString('base64') } : {})
  }
}

const accountArn = (ctx: ActionContext, suffix: string): string =>
  `arn:${ctx.state.account.partition}:iam::${ctx.state.account.accountId}:${suffix}`

function findUser(ctx: ActionContext, name: string): User {
  const user = ctx.state.account.usersByName.get(name)
  if (!user) throw new AwsError(404, 'NoSuchEntity', `The user with name ${name} cannot be found.`)
  return user
}

const listUsers: ActionHandler = ctx => {
  const identity = requireIdentity(ctx)
  const prefix = ctx.params.get('PathPrefix') ?? '/'
  requireAllowed(identity, 'iam:ListUsers', accountArn(ctx, `user${prefix}`))
  const users = ctx.state.account.users.filter(u => u.path.startsWith(prefix))
  const { slice, IsTruncated, Marker } = page(users, ctx)
  return {
    Users: slice.map(u => ({
      Path: u.path,
      UserName: u.name,
      UserId: u.id,
      Arn: u.arn,
      CreateDate: u.createDate,
      PasswordLastUsed: u.passwordEnabled ? u.passwordLastUsed : undefined
    })),
    IsTruncated,
    Marker
  }
}

const listAccessKeys: ActionHandler = ctx => {
  const identity = requireIdentity(ctx)
  const requested = ctx.params.get('UserName')
  let keys: AccessKey[]
  let userName: string | undefined
  if (requested !== null) {
    requireAllowed(identity, 'iam:ListAccessKeys', accountArn(ctx, `user/${requested}`))
    const user = findUser(ctx, requested)
    keys = user.accessKeys
    userName = user.name
  } else if (identity.kind === 'user') {
    // Without UserName IAM lists the keys of the user that signed the request.
    requireAllowed(identity, 'iam:ListAccessKeys', identity.user.arn)
    keys = identity.user.accessKeys
    userName = identity.user.name
  } else if (identity.kind === 'root') {
    keys = ctx.state.account.root.accessKeys
  } else {
    throw validationError('Must specify userName when calling with non-User credentials')
  }
  const { slice, IsTruncated, Marker } = page(keys, ctx)
  return {
    UserName: userName,
    AccessKeyMetadata: slice.map(k => ({
      UserName: k.userName,
      AccessKeyId: k.id,
      Status: k.status,
      CreateDate: k.createDate
    })),
    IsTruncated,
    Marker
  }
}

const getAccessKeyLastUsed: ActionHandler = ctx => {
  const identity = requireIdentity(ctx)
  const id = ctx.params.get('AccessKeyId') ?? ''
  const key = ctx.state.account.keysById.get(id)
  const owner = key?.userName === undefined ? 'root' : `user/${key.userName}`
  requireAllowed(identity, 'iam:GetAccessKeyLastUsed', accountArn(ctx, owner))
  if (!key) throw new AwsError(404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found`)
  return {
    UserName: key.userName ?? 'root',
    // Never-used keys report N/A for region and service and no date, as AWS does.
    AccessKeyLastUsed: {
      LastUsedDate: key.lastUsed?.date,
      ServiceName: key.lastUsed?.service ?? 'N/A',
      Region: key.lastUsed?.region ?? 'N/A'
    }
  }
}

const generateCredentialReport: ActionHandler = ctx => {
  requireAllowed(requireIdentity(ctx), 'iam:GenerateCredentialReport')
  const report = ctx.state.credentialReport
  // The first call starts generation; the next one finds it done (AWS takes seconds, tests needn't).
  if (report.state === 'none') {
    ctx.state.credentialReport = { state: 'started' }
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' }
  }
  if (report.state === 'started') ctx.state.credentialReport = { state: 'complete', generatedAt: ctx.now }
  return { State: 'COMPLETE' }
}

const getCredentialReport: ActionHandler = ctx => {
  requireAllowed(requireIdentity(ctx), 'iam:GetCredentialReport')
  const report = ctx.state.credentialReport
  if (report.state === 'none') {
    throw new AwsError(
      410,
      'ReportNotPresent',
      'Unable to find a credential report. To generate a credential report, use GenerateCredentialReport.'
    )
  }
  if (report.state === 'started')
    throw new AwsError(404, 'ReportInProgress', 'Credential report generation is in progress.')
  const result: ActionResult = {
    Content: Buffer.from(buildCredentialReportCsv(ctx.state.account)).toString('base64'),
    ReportFormat: 'text/csv',
    GeneratedTime: report.generatedAt
  }
  return result
}

// A few of AWS's SummaryMap entries. AccountAccessKeysPresent counts root keys whatever their status.
const getAccountSummary: ActionHandler = ctx => {
  requireAllowed(requireIdentity(ctx), 'iam:GetAccountSummary')
  const { account } = ctx.state
  return {
    SummaryMap: new XmlMap([
      ['Users', account.users.length],
      ['UsersQuota', 5000],
      ['AccessKeysPerUserQuota', 2],
      ['AccountAccessKeysPresent', account.root.accessKeys.length > 0 ? 1 : 0],
      ['AccountMFAEnabled', account.root.mfaActive ? 1 : 0],
      ['Roles', account.roles.size],
      ['AttachedPoliciesPerRoleQuota', ROLE_QUOTAS.attachedPolicies],
      ['RolePolicySizeQuota', ROLE_QUOTAS.inlinePolicySize]
    ])
  }
}

export const IAM_ACTIONS: Record<string, ActionHandler> = {
  ListUsers: listUsers,
  ListAccessKeys: listAccessKeys,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
  GetAccountSummary: getAccountSummary
}
