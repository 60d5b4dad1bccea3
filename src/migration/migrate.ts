import * as core from '@actions/core'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { ActionError } from '../runtime/action-error.js'
import type { AwsCredentials } from '../auth/credentials.js'
import { fetchGitHubToken } from '../auth/oidc-token.js'
import { clientOptions, createStsClient } from '../aws/clients.js'
import { diagnose } from '../aws/error-diagnosis.js'
import { isAccessDenied } from '../aws/error-code.js'
import { Timeline } from '../steps/timeline.js'
import { timelineLines } from '../steps/timeline-lines.js'
import { applyPlan } from './apply-plan.js'
import { migrationIam } from './migration-iam.js'
import { applyPolicy, planPolicy } from './migration-permissions.js'
import { partitionOf, planMigration } from './plan.js'
import { proveRole } from './prove-role.js'
import { readAccountFacts, readUserPermissions } from './read-permissions.js'
import { roleApi } from './role-writes.js'
import type { MigrationOutcome, MigrationStageSettings } from './run-migration.js'
import type { Repository } from './trust-policy.js'
import { writePlanFiles } from './write-plan-files.js'

type Env = Readonly<Record<string, string | undefined>>

const NO_ID_TOKEN =
  "migrate-to-oidc: apply proves the new role with this job's GitHub OIDC token, and this job cannot request one (ACTIONS_ID_TOKEN_REQUEST_URL is not set). Add `permissions: id-token: write` (and `contents: read`) to the job, or run migrate-to-oidc: plan. Nothing was written."

function repositoryOf(env: Env): Repository {
  const [owner = '', name = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !name)
    throw new ActionError(
      'migrate-to-oidc: GITHUB_REPOSITORY is not set, so the trust policy cannot name the repository. Run it in a GitHub Actions job.'
    )
  return {
    owner,
    name,
    ownerId: env.GITHUB_REPOSITORY_OWNER_ID || undefined,
    id: env.GITHUB_REPOSITORY_ID || undefined
  }
}

/** The user to migrate: migrate-user, or the IAM user the credentials belong to. */
function userNameOf(settings: MigrationStageSettings, callerArn: string): string {
  if (settings.migrateUser !== undefined) return settings.migrateUser
  const user = /^arn:[\w-]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(callerArn)?.[1]
  if (user === undefined)
    throw new ActionError(
      `migrate-to-oidc: the credentials belong to ${callerArn}, not to an IAM user. Set migrate-user to the user whose key the role replaces.`
    )
  return user
}

/**
 * Plan (files, output), then with apply: create, verify and prove the role, or roll back. Returns what it
 * did for the summary, with `failure` when apply failed; throws when it could not plan.
 */
export async function migrate(
  settings: MigrationStageSettings,
  credentials: AwsCredentials,
  knownCallerArn: string | undefined,
  env: Env = process.env
): Promise<MigrationOutcome> {
  const apply = settings.migrateToOidc === 'apply'
  if (apply && (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN))
    throw new ActionError(NO_ID_TOKEN)
  const repository = repositoryOf(env)
  const options = clientOptions(settings, credentials)
  const explain = (error: unknown, action: string) =>
    diagnose(error, {
      action,
      region: settings.region,
      accessKeyId: credentials.accessKeyId,
      maxAttempts: settings.retryMaxAttempts
    }).message
  const callerArn =
    knownCallerArn ?? (await createStsClient(options).send(new GetCallerIdentityCommand({}))).Arn ?? ''
  const userName = userNameOf(settings, callerArn)
  const where = { partition: partitionOf(callerArn), accountId: callerArn.split(':')[4] ?? '' }
  // A denied IAM call prints the least the step needs, in the identity's partition (as the docs do).
  const denied = (message: string, error: unknown, policy: object): string =>
    isAccessDenied(error) ? `${message}. The least it needs: ${JSON.stringify(policy)}` : message
  const iam = await migrationIam(options)
  let read
  try {
    read = await Promise.all([readUserPermissions(iam, userName), readAccountFacts(iam)])
  } catch (error) {
    throw new ActionError(
      `${denied(`migrate-to-oidc: could not read the permissions of IAM user ${userName}: ${explain(error, "iam (the plan's List/Get calls)").replace(/\.$/, '')}`, error, planPolicy(where, userName))}. See docs/migrate-to-oidc.md.`,
      { cause: error }
    )
  }
  const [permissions, account] = read
  const plan = planMigration({ settings, callerArn, repository, permissions, account })
  const dir = await writePlanFiles(plan, env)
  core.setOutput('migration-dir', dir)
  core.info(
    `Plan: ${plan.role.arn} for ${plan.user.name}: ${plan.managed.length} managed, ${plan.inline.length} inline policies; files in ${dir}`
  )
  if (!apply) {
    return { plan, dir, timeline: [], result: 'Plan only (migrate-to-oidc: plan): nothing in AWS changed.' }
  }
  const token = await fetchGitHubToken(plan.audience, env, settings.retryMaxAttempts)
  const timeline = new Timeline()
  const outcome = await applyPlan(plan, {
    iam: roleApi(iam),
    explain: (error, action) =>
      action.startsWith('iam:')
        ? denied(explain(error, action).replace(/\.$/, ''), error, applyPolicy(where, plan.role.name))
        : explain(error, action),
    timeline,
    prove: roleArn =>
      proveRole({
        roleArn,
        token,
        subjects: plan.subjects,
        sts: { region: options.region, maxAttempts: options.maxAttempts, stsEndpoint: options.stsEndpoint },
        mask: s => core.setSecret(s)
      })
  })
  for (const line of timelineLines(timeline.entries)) core.info(line)
  const result =
    outcome.status === 'failed'
      ? outcome.message
      : outcome.status === 'up to date'
        ? `Up to date: ${plan.role.arn} already matches the plan; nothing was written. Proved as ${outcome.sessionArn}.`
        : `Created ${plan.role.arn} and proved it as ${outcome.sessionArn}.`
  const done = { plan, dir, timeline: timeline.entries, result }
  if (outcome.status === 'failed') return { ...done, failure: outcome.message }
  core.info(result)
  core.setOutput('migrated-role-arn', outcome.roleArn)
  return done
}
