import type { MigrationIam } from './migration-iam.js'
import type { MigrationPlan } from './plan.js'
import { readRole, type RoleState } from './role-state.js'

/** The IAM calls apply makes, one per write and one per undo: the steps and the rollback use these. */
export interface RoleApi {
  readRole(name: string): Promise<RoleState | undefined>
  createProvider(plan: MigrationPlan): Promise<string>
  deleteProvider(arn: string): Promise<void>
  createRole(plan: MigrationPlan): Promise<string>
  deleteRole(name: string): Promise<void>
  attach(role: string, arn: string): Promise<void>
  detach(role: string, arn: string): Promise<void>
  putInline(role: string, name: string, document: string): Promise<void>
  deleteInline(role: string, name: string): Promise<void>
}

export function roleApi(iam: MigrationIam): RoleApi {
  const { client, sdk } = iam
  return {
    readRole: name => readRole(iam, name),
    async createProvider(plan) {
      // No thumbprint: IAM trusts GitHub's certificate through its own library of root CAs.
      const answer = await client.send(
        new sdk.CreateOpenIDConnectProviderCommand({
          Url: plan.provider.url,
          ClientIDList: [plan.audience],
          Tags: [...plan.role.tags]
        })
      )
      return answer.OpenIDConnectProviderArn ?? plan.provider.arn
    },
    async deleteProvider(arn) {
      await client.send(new sdk.DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))
    },
    async createRole(plan) {
      const { role } = plan
      const answer = await client.send(
        new sdk.CreateRoleCommand({
          RoleName: role.name,
          Path: role.path,
          Description: role.description,
          MaxSessionDuration: role.maxSessionDuration,
          AssumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
          PermissionsBoundary: role.boundary,
          Tags: [...role.tags]
        })
      )
      return answer.Role?.Arn ?? role.arn
    },
    async deleteRole(name) {
      await client.send(new sdk.DeleteRoleCommand({ RoleName: name }))
    },
    async attach(role, arn) {
      await client.send(new sdk.AttachRolePolicyCommand({ RoleName: role, PolicyArn: arn }))
    },
    async detach(role, arn) {
      await client.send(new sdk.DetachRolePolicyCommand({ RoleName: role, PolicyArn: arn }))
    },
    async putInline(role, name, document) {
      await client.send(
        new sdk.PutRolePolicyCommand({ RoleName: role, PolicyName: name, PolicyDocument: document })
      )
    },
    async deleteInline(role, name) {
      await client.send(new sdk.DeleteRolePolicyCommand({ RoleName: role, PolicyName: name }))
    }
  }
}
