// IAM access key lifecycle: CreateAccessKey, UpdateAccessKey, DeleteAccessKey, for the caller (no
// UserName: IAM acts on the user that signed the request) or a named user. A new key authenticates only
// after the endpoint's keyPropagationMs (IAM is eventually consistent), and IAM's two-key quota holds.
import { randomBytes } from 'node:crypto'
import type { AccessKey, User } from './account-state.js'
import { AwsError, validationError } from './aws-error.js'
import { requireIdentity, type ActionContext, type ActionHandler } from './action-context.js'
import { requireAllowed } from './permissions.js'

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function newKeyId(): string {
  return `AKIA${[...randomBytes(16)].map(b => KEY_ID_ALPHABET[b % 32]).join('')}`
}

function newSecret(): string {
  return randomBytes(30).toString('base64')
}

/** The user the call acts on, after checking the caller may do `action` to it. */
function targetUser(ctx: ActionContext, action: string): User {
  const identity = requireIdentity(ctx)
  const requested = ctx.params.get('UserName')
  const user =
    requested !== null
      ? ctx.state.account.usersByName.get(requested)
      : identity.kind === 'user'
        ? identity.user
        : undefined
  if (requested === null && identity.kind !== 'user') {
    throw validationError('Must specify userName when calling with non-User credentials')
  }
  const arn =
    user?.arn ?? `arn:${ctx.state.account.partition}:iam::${ctx.state.account.accountId}:user/${requested}`
  requireAllowed(identity, action, arn)
  if (!user) throw new AwsError(404, 'NoSuchEntity', `The user with name ${requested} cannot be found.`)
  return user
}

function userKey(ctx: ActionContext, user: User): AccessKey {
  const id = ctx.params.get('AccessKeyId') ?? ''
  const key = user.accessKeys.find(k => k.id === id)
  if (!key) throw new AwsError(404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`)
  return key
}

const createAccessKey: ActionHandler = ctx => {
  const user = targetUser(ctx, 'iam:CreateAccessKey')
  if (user.accessKeys.length >= 2) {
    throw new AwsError(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2')
  }
  const key: AccessKey = {
    id: newKeyId(),
    secret: newSecret(),
    status: 'Active',
    createDate: ctx.now,
    userName: user.name,
    authenticatesAfter: new Date(ctx.now.getTime() + ctx.state.keyPropagationMs)
  }
  user.accessKeys.push(key)
  ctx.state.account.keysById.set(key.id, key)
  ctx.state.createdKeys.push(key)
  return {
    AccessKey: {
      UserName: user.name,
      AccessKeyId: key.id,
      Status: key.status,
      SecretAccessKey: key.secret,
      CreateDate: key.createDate
    }
  }
}

const updateAccessKey: ActionHandler = ctx => {
  const user = targetUser(ctx, 'iam:UpdateAccessKey')
  const status = ctx.params.get('Status')
  if (status !== 'Active' && status !== 'Inactive') {
    throw validationError(
      `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`
    )
  }
  userKey(ctx, user).status = status
  return undefined
}

const deleteAccessKey: ActionHandler = ctx => {
  const user = targetUser(ctx, 'iam:DeleteAccessKey')
  const key = userKey(ctx, user)
  user.accessKeys = user.accessKeys.filter(k => k !== key)
  ctx.state.account.keysById.delete(key.id)
  return undefined
}

export const IAM_KEY_ACTIONS: Record<string, ActionHandler> = {
  CreateAccessKey: createAccessKey,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey
}
