import { ActionError } from '../runtime/action-error.js'
import type { AccountFacts } from './read-permissions.js'
import type { MigrationPlan } from './plan.js'

/** IAM's default quota for a role's trust policy (adjustable to 4,096). */
export const TRUST_POLICY_SIZE = 2_048

/** A plan IAM would refuse: the message says what to change. Raised before any write. */
export class PlanError extends ActionError {}

const chars = (n: number): string => n.toLocaleString('en-US')

/**
 * The IAM limits a role must fit, checked before anything is written: the provider's audiences, the
 * inline policies' total size, the number of managed policies, the trust policy's size, the names.
 */
export function checkLimits(plan: MigrationPlan, account: AccountFacts): void {
  const where = `migrate-to-oidc: the role ${plan.role.name} replacing IAM user ${plan.user.name}`
  if (account.provider && !account.provider.audiences.includes(plan.audience)) {
    throw new PlanError(
      `migrate-to-oidc: the account's OIDC provider ${account.provider.arn} does not list the audience ${plan.audience} (it lists ${account.provider.audiences.join(', ') || 'none'}). Add it: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${account.provider.arn} --client-id ${plan.audience}; then run again.`
    )
  }
  const total = plan.inline.reduce((sum, p) => sum + p.document.length, 0)
  if (total > account.rolePolicySize) {
    const largest = [...plan.inline].sort((a, b) => b.document.length - a.document.length)
    const over = total - account.rolePolicySize
    const enough: string[] = []
    for (let freed = 0; freed < over;) {
      const next = largest[enough.length]!
      enough.push(
        `${next.originalName} (${next.from.kind} ${next.from.name}, ${chars(next.document.length)} characters)`
      )
      freed += next.document.length
    }
    throw new PlanError(
      `${where} would hold ${chars(total)} characters of inline policies, over IAM's ${chars(account.rolePolicySize)} per role. Make ${enough.join(' and ')} a customer managed policy attached to the ${enough.length > 1 ? 'user or its groups' : plan.inline.find(p => enough[0]!.startsWith(p.originalName))!.from.kind}, then run the plan again.`
    )
  }
  if (plan.managed.length > account.attachedPoliciesPerRole) {
    throw new PlanError(
      `${where} would need ${plan.managed.length} managed policies, over IAM's ${account.attachedPoliciesPerRole} per role (${plan.managed.map(p => p.name).join(', ')}). Combine some into one customer managed policy, or ask AWS to raise the quota "Managed policies per role" (up to 20), then run the plan again.`
    )
  }
  const trustSize = JSON.stringify(plan.role.trustPolicy).length
  if (trustSize > TRUST_POLICY_SIZE) {
    throw new PlanError(
      `${where}: its trust policy would be ${chars(trustSize)} characters, over IAM's ${chars(TRUST_POLICY_SIZE)}. List fewer migrate-subject patterns (a * can cover several).`
    )
  }
  if (plan.role.name.length > 64) {
    throw new PlanError(`${where}: a role name is at most 64 characters. Set a shorter migrate-role-name.`)
  }
}
