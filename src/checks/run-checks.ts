import type { CheckName } from '../inputs/settings.js'
import { diagnose } from '../aws/error-diagnosis.js'
import { partitionOf, type Partition } from '../aws/partition.js'
import type { Check, CheckContext, CheckResult } from './check-result.js'
import { identityCheck } from './identity.js'
import { regionsCheck } from './regions.js'
import { usersCheck } from './users.js'
import { keyAgeCheck } from './key-age.js'
import { permissionsCheck } from './permissions.js'
import { escalationCheck } from './escalation.js'

/** Every check the action knows, by name. */
const CHECKS: Readonly<Record<CheckName, Check<unknown>>> = {
  identity: identityCheck,
  regions: regionsCheck,
  users: usersCheck,
  'key-age': keyAgeCheck,
  permissions: permissionsCheck,
  escalation: escalationCheck
}

/** The partition of the identity the checks run as: the assumed role's, the caller's, else the region's. */
async function identityPartition({ obtained, callerIdentity, settings }: CheckContext): Promise<Partition> {
  const arn = obtained.assumedRoleArn ?? (await callerIdentity?.catch(() => undefined))?.Arn
  return partitionOf(arn, settings.region)
}

/** Runs one check, timing it and turning an AWS error into a denied or failed result. */
export async function runCheck<T>(check: Check<T>, context: CheckContext): Promise<CheckResult<T>> {
  // hrtime, not performance.now(): the global `performance` loads Node's perf_hooks, ~1 ms on every run.
  const started = process.hrtime.bigint()
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n)
  try {
    const outcome = await check.run(context)
    return { name: check.name, ...outcome, durationMs: elapsed() }
  } catch (error) {
    const diagnosis = diagnose(error, {
      action: check.action,
      region: context.settings.region,
      accessKeyId: check.signingKeyId(context),
      maxAttempts: context.settings.retryMaxAttempts
    })
    const durationMs = elapsed()
    if (diagnosis.kind === 'access-denied') {
      const resource = check.resource ? check.resource(await identityPartition(context)) : '*'
      const denial = {
        action: check.action,
        message: diagnosis.message,
        statement: { Effect: 'Allow', Action: check.action, Resource: resource } as const
      }
      return { name: check.name, status: 'denied', durationMs, detail: `denied: ${check.action}`, denial }
    }
    return { name: check.name, status: 'fail', durationMs, detail: diagnosis.message, failure: diagnosis }
  }
}

/** Starts every selected check at once: the critical path is the slowest check, not their sum. */
export async function runChecks(context: CheckContext): Promise<CheckResult[]> {
  return Promise.all(
    context.settings.checks.map(name => {
      const check = CHECKS[name]
      if (check === undefined) {
        return Promise.resolve<CheckResult>({
          name,
          status: 'skipped',
          durationMs: 0,
          detail: 'not yet supported'
        })
      }
      return runCheck(check, context)
    })
  )
}
