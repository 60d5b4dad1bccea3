import { isAccessDenied } from '../aws/error-code.js'
import { allPages, decodePolicy, type MigrationIam } from './migration-iam.js'

/** Where a permission of the user comes from: the user itself, or one of its groups. */
export interface PolicySource {
  readonly kind: 'user' | 'group'
  readonly name: string
}

export interface AttachedPolicy {
  readonly arn: string
  readonly name: string
  readonly from: PolicySource
}

export interface InlinePolicy {
  readonly name: string
  /** The policy document as JSON text. */
  readonly document: string
  readonly from: PolicySource
}

/** Everything the user may do, by where it comes from (IAM List and Get calls, nothing written). */
export interface UserPermissions {
  readonly userName: string
  readonly userArn: string
  readonly groups: readonly string[]
  readonly attached: readonly AttachedPolicy[]
  readonly inline: readonly InlinePolicy[]
  readonly boundary?: string
}

/** What the account has already, and the quotas the role must fit. */
export interface AccountFacts {
  /** The GitHub OIDC provider, when the account has one: its ARN and audiences (client ids). */
  readonly provider?: { readonly arn: string; readonly audiences: readonly string[] }
  readonly attachedPoliciesPerRole: number
  readonly rolePolicySize: number
}

/** IAM's default quotas, used when GetAccountSummary is not allowed. */
export const DEFAULT_QUOTAS = { attachedPoliciesPerRole: 10, rolePolicySize: 10_240 }

export const GITHUB_PROVIDER_HOST = 'token.actions.githubusercontent.com'

const attachedOf = (p: { PolicyArn?: string; PolicyName?: string }, from: PolicySource): AttachedPolicy => ({
  arn: p.PolicyArn ?? '',
  name: p.PolicyName ?? '',
  from
})

/** The attached and inline policies of the user or of one of its groups (all pages, documents read). */
async function readPolicies(
  iam: MigrationIam,
  from: PolicySource
): Promise<{ attached: AttachedPolicy[]; inline: InlinePolicy[] }> {
  const { client, sdk } = iam
  const user = from.kind === 'user'
  const [attached, names] = await Promise.all([
    allPages(async Marker => {
      const a = user
        ? await client.send(new sdk.ListAttachedUserPoliciesCommand({ UserName: from.name, Marker }))
        : await client.send(new sdk.ListAttachedGroupPoliciesCommand({ GroupName: from.name, Marker }))
      return { ...a, items: (a.AttachedPolicies ?? []).map(p => attachedOf(p, from)) }
    }),
    allPages(async Marker => {
      const a = user
        ? await client.send(new sdk.ListUserPoliciesCommand({ UserName: from.name, Marker }))
        : await client.send(new sdk.ListGroupPoliciesCommand({ GroupName: from.name, Marker }))
      return { ...a, items: a.PolicyNames ?? [] }
    })
  ])
  const inline = await Promise.all(
    names.map(async name => {
      const answer = user
        ? await client.send(new sdk.GetUserPolicyCommand({ UserName: from.name, PolicyName: name }))
        : await client.send(new sdk.GetGroupPolicyCommand({ GroupName: from.name, PolicyName: name }))
      return { name, document: decodePolicy(answer.PolicyDocument), from }
    })
  )
  return { attached, inline }
}

/**
 * Reads the user's permissions: its attached and inline policies, its groups' attached and inline
 * policies, and its permissions boundary. Every independent call starts at once (the plan's budget is
 * ≤ 2 s at 100 ms latency for a user in 5 groups with 20 policies).
 */
export async function readUserPermissions(iam: MigrationIam, userName: string): Promise<UserPermissions> {
  const { client, sdk } = iam
  const groupsRead = allPages(async Marker => {
    const a = await client.send(new sdk.ListGroupsForUserCommand({ UserName: userName, Marker }))
    return { ...a, items: (a.Groups ?? []).map(g => g.GroupName ?? '') }
  })
  const [user, own, groups] = await Promise.all([
    client.send(new sdk.GetUserCommand({ UserName: userName })),
    readPolicies(iam, { kind: 'user', name: userName }),
    groupsRead.then(names =>
      Promise.all(names.map(async name => ({ name, ...(await readPolicies(iam, { kind: 'group', name })) })))
    )
  ])
  return {
    userName,
    userArn: user.User?.Arn ?? '',
    groups: groups.map(g => g.name),
    attached: [...own.attached, ...groups.flatMap(g => g.attached)],
    inline: [...own.inline, ...groups.flatMap(g => g.inline)],
    boundary: user.User?.PermissionsBoundary?.PermissionsBoundaryArn
  }
}

/** Whether the account has GitHub's OIDC provider (and its audiences), and the role quotas. */
export async function readAccountFacts(iam: MigrationIam): Promise<AccountFacts> {
  const { client, sdk } = iam
  const [providers, quotas] = await Promise.all([
    client.send(new sdk.ListOpenIDConnectProvidersCommand({})),
    client.send(new sdk.GetAccountSummaryCommand({})).then(
      a => ({
        attachedPoliciesPerRole:
          a.SummaryMap?.AttachedPoliciesPerRoleQuota ?? DEFAULT_QUOTAS.attachedPoliciesPerRole,
        rolePolicySize: a.SummaryMap?.RolePolicySizeQuota ?? DEFAULT_QUOTAS.rolePolicySize
      }),
      // The quotas only sharpen the checks: without iam:GetAccountSummary, IAM's defaults apply.
      (error: unknown) => {
        if (isAccessDenied(error)) return DEFAULT_QUOTAS
        throw error
      }
    )
  ])
  const arn = (providers.OpenIDConnectProviderList ?? [])
    .map(p => p.Arn ?? '')
    .find(a => a.endsWith(`:oidc-provider/${GITHUB_PROVIDER_HOST}`))
  if (arn === undefined) return quotas
  const provider = await client.send(
    new sdk.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })
  )
  return { ...quotas, provider: { arn, audiences: provider.ClientIDList ?? [] } }
}
