import { runStep, runSteps, StepFailure } from '../steps/step-runner.js'
import type { Timeline } from '../steps/timeline.js'
import { rollBackMigration, type Created } from './migration-rollback.js'
import type { MigrationPlan } from './plan.js'
import type { RoleApi } from './role-writes.js'
import { compareRole } from './role-state.js'

export interface ApplyDependencies {
  readonly iam: RoleApi
  /** Exchanges a fresh GitHub token for the role (with backoff) and returns the session's ARN. */
  readonly prove: (roleArn: string) => Promise<string>
  /** Explains a failed AWS call in one sentence that names it. */
  readonly explain: (error: unknown, action: string) => string
  readonly timeline: Timeline
}

export type ApplyOutcome =
  | { readonly status: 'created' | 'up to date'; readonly roleArn: string; readonly sessionArn: string }
  | { readonly status: 'failed'; readonly message: string }

/**
 * Apply: the provider when missing, the role with its tag and boundary, its policies, each write a
 * step; then the role read back against the plan and proved with this job's token. A failure after any
 * write removes what this run created; a role in the way fails before the first write.
 */
export async function applyPlan(plan: MigrationPlan, deps: ApplyDependencies): Promise<ApplyOutcome> {
  const { iam, timeline, explain } = deps
  const role = plan.role.name
  const created: Created = { attached: [], inline: [] }
  const write = <T>(name: string, action: string, fn: () => Promise<T>, detail: (v: T) => string) =>
    runStep(timeline, `${name} (${action})`, fn, detail, error => explain(error, action))
  const steps = async () => {
    const found = await write(
      'Read role',
      'iam:GetRole',
      () => iam.readRole(role),
      r => r?.arn ?? `no role ${role} yet`
    )
    const comparison = compareRole(plan, found)
    if (comparison.status === 'not ours' || comparison.status === 'differs')
      throw new StepFailure(
        'Read role (iam:GetRole)',
        `a role named ${role} already exists: ${comparison.reason}. Choose another migrate-role-name, or delete or fix that role`
      )
    const upToDate = comparison.status === 'up to date'
    if (upToDate)
      timeline.record(
        'Role up to date',
        timeline.now(),
        'skipped',
        `${role} matches the plan: nothing written`
      )
    if (!upToDate) {
      if (!plan.provider.exists)
        created.provider = await write(
          'Create OIDC provider',
          'iam:CreateOpenIDConnectProvider',
          () => iam.createProvider(plan),
          arn => arn
        )
      await write(
        'Create role',
        'iam:CreateRole',
        () => iam.createRole(plan),
        arn =>
          `${arn}, tagged migrated-from=${plan.user.name}${plan.role.boundary ? `, boundary ${plan.role.boundary}` : ''}`
      )
      created.role = role
      for (const policy of plan.managed) {
        await write(
          `Attach ${policy.name}`,
          'iam:AttachRolePolicy',
          () => iam.attach(role, policy.arn),
          () => policy.arn
        )
        created.attached.push(policy.arn)
      }
      for (const policy of plan.inline) {
        await write(
          `Put ${policy.name}`,
          'iam:PutRolePolicy',
          () => iam.putInline(role, policy.name, policy.document),
          () => `${policy.document.length} characters, from ${policy.from.kind} ${policy.from.name}`
        )
        created.inline.push(policy.name)
      }
      await write(
        'Verify role',
        'iam:GetRole',
        async () => {
          const check = compareRole(plan, await iam.readRole(role))
          if (check.status !== 'up to date')
            throw new StepFailure(
              '',
              `the role read back does not match the plan (${check.status === 'absent' ? 'absent' : check.reason})`
            )
        },
        () => 'read back: trust policy, tag, boundary and policies as planned'
      )
    }
    const sessionArn = await write(
      'Prove role',
      'sts:AssumeRoleWithWebIdentity',
      () => deps.prove(plan.role.arn),
      arn => `this job's GitHub token became ${arn} (sts:GetCallerIdentity)`
    )
    return {
      status: upToDate ? ('up to date' as const) : ('created' as const),
      roleArn: plan.role.arn,
      sessionArn
    }
  }
  const run = await runSteps('migration', steps, () => rollBackMigration(iam, created, timeline))
  if (run.status === 'done') return run.value
  const { failure, rollback } = run
  const message = `migrate-to-oidc: apply failed at ${failure.step}: ${failure.message.replace(/\.$/, '')}. ${rollback.summary}`
  return { status: 'failed', message }
}
