import type { MigrationPlan } from './plan.js'

/** trust-policy.json: the document as `aws iam create-role --assume-role-policy-document` takes it. */
export function renderTrustPolicy(plan: MigrationPlan): string {
  return `${JSON.stringify(plan.role.trustPolicy, null, 2)}\n`
}

/** role.json: everything the role is made of, with where each policy comes from. */
export function renderRoleJson(plan: MigrationPlan): string {
  const { role } = plan
  const document = {
    RoleName: role.name,
    Path: role.path,
    Arn: role.arn,
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary: role.boundary ?? null,
    Tags: role.tags,
    OpenIDConnectProvider: {
      Arn: plan.provider.arn,
      Url: plan.provider.url,
      Audience: plan.audience,
      Exists: plan.provider.exists
    },
    ManagedPolicyArns: plan.managed.map(p => ({
      PolicyArn: p.arn,
      From: p.from.map(f => `${f.kind}:${f.name}`)
    })),
    InlinePolicies: plan.inline.map(p => ({
      PolicyName: p.name,
      From: `${p.from.kind}:${p.from.name}/${p.originalName}`,
      PolicyDocument: JSON.parse(p.document) as unknown
    }))
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
