import { formatKeyId } from '../aws/access-key-id.js'
import { diagnose } from '../aws/error-diagnosis.js'
import { describeTarget } from './secret-location.js'
import type { ClientSettings } from '../aws/clients.js'
import type { CreatedKey } from './iam-keys.js'
import { planRotation } from './plan.js'
import { rollBack } from './rollback.js'
import { TargetError, prepareTargets, writeKey, type PreparedTarget } from './secret-targets.js'
import { retireOldKey } from './retire-old-key.js'
import { runStep, runSteps, StepFailure } from '../steps/step-runner.js'
import type { RotationDependencies, RotationOutcome, RotationRequest } from './rotation-types.js'

function awsCause(error: unknown, action: string, settings: ClientSettings, keyId: string): string {
  return diagnose(error, {
    action,
    region: settings.region,
    accessKeyId: keyId,
    maxAttempts: settings.retryMaxAttempts
  }).message
}

/** Runs a rotation step on the shared runner; a TargetError already says which secret failed and why. */
function step<T>(
  deps: RotationDependencies,
  name: string,
  fn: () => Promise<T>,
  detail: (value: T) => string,
  cause: (error: unknown) => string
): Promise<T> {
  return runStep(deps.timeline, name, fn, detail, error =>
    error instanceof TargetError ? error.message : cause(error)
  )
}

/**
 * The six steps of docs/rotation.md, each verified before the next; a failure in 2–4 is rolled back.
 * Step 6 (handing the new key to the job) is the caller's.
 */
export async function rotateKey(
  request: RotationRequest,
  deps: RotationDependencies
): Promise<RotationOutcome> {
  const { settings, oldKey } = request
  const old = formatKeyId(oldKey.accessKeyId)
  const ours = (error: unknown, action: string, keyId = oldKey.accessKeyId) =>
    awsCause(error, action, settings, keyId)
  const touched: PreparedTarget[] = []
  const unconfirmed: PreparedTarget[] = []
  let created: CreatedKey | undefined
  const rotationStart = deps.timeline.now()
  const steps = async (): Promise<RotationOutcome | CreatedKey> => {
    // 1. Read every target's public key and the user's keys; decide; nothing has changed yet.
    const [targets, listed] = await step(
      deps,
      '1. Read targets and keys',
      () =>
        Promise.all([
          prepareTargets(deps.github, request.locations, settings.rotateSecrets),
          deps.keys.list()
        ]),
      ([t, l]) =>
        `${t.length} secret(s) reachable; ${l.keys.length} key(s) listed for ${l.userName || 'the caller'}`,
      error => ours(error, 'iam:ListAccessKeys')
    )
    const plan = planRotation({
      warnKeyAgeDays: settings.warnKeyAgeDays,
      maxKeyAgeDays: settings.maxKeyAgeDays,
      retireAfterDays: settings.retireAfterDays,
      keys: listed.keys,
      currentKeyId: oldKey.accessKeyId,
      userName: listed.userName,
      mode: settings.rotateKey,
      now: rotationStart
    })
    deps.timeline.record(
      '1. Plan',
      deps.timeline.now(),
      plan.action === 'stop' ? 'failed' : 'ok',
      plan.reason
    )
    if (settings.rotateDryRun) return { status: 'dry-run', plan, targets } satisfies RotationOutcome
    if (plan.action === 'skip')
      return { status: 'skipped', reason: plan.reason, warning: plan.warning ?? false }
    if (plan.action === 'stop') throw new StepFailure('1. Plan', plan.reason)
    // Writing each secret's current value back proves github-token may write, before AWS changes.
    await step(
      deps,
      '1. Check github-token can write',
      async () => {
        const failed = await writeKey(deps.github, targets, oldKey)
        if (failed.length > 0)
          throw new StepFailure(
            '',
            `github-token cannot write the ${describeTarget(failed[0]!.target)}: ${failed[0]!.cause}`
          )
      },
      () => `each secret rewritten with its current value (${old})`,
      String
    )
    if (plan.deleteFirst) {
      const { id, retiredDaysAgo } = plan.deleteFirst
      await step(
        deps,
        '1. Delete retired key',
        () => deps.keys.remove(id),
        () => `${formatKeyId(id)} (Inactive, retired ${retiredDaysAgo} days ago)`,
        error => ours(error, 'iam:DeleteAccessKey')
      )
    }

    // 2. Create the new key; mask it before anything can print it.
    created = await step(
      deps,
      '2. Create new key',
      async () => {
        const key = await deps.keys.create()
        deps.mask(key.secretAccessKey)
        deps.mask(key.accessKeyId)
        return key
      },
      key => `${formatKeyId(key.accessKeyId)} created (${plan.reason})`,
      error => ours(error, 'iam:CreateAccessKey')
    )
    const newKey = created

    // 3. Use it only once IAM has propagated it: it must authenticate, as the same user.
    await step(
      deps,
      '3. Wait until the new key works',
      async () => {
        const arn = await deps.waitUntilKeyWorks(newKey)
        if (arn !== request.callerArn)
          throw new StepFailure('', `the new key authenticates as ${arn}, not ${request.callerArn}`)
        return arn
      },
      () => `${formatKeyId(newKey.accessKeyId)} authenticates (sts:GetCallerIdentity)`,
      error =>
        `${formatKeyId(newKey.accessKeyId)} did not authenticate within 60 s: ${ours(error, 'sts:GetCallerIdentity', newKey.accessKeyId)}`
    )

    // 4. Write both secrets to every target, then read each one's metadata back.
    await step(
      deps,
      '4. Write secrets',
      async () => {
        const since = Math.floor(deps.timeline.now().getTime() / 1000) * 1000
        touched.push(...targets)
        const failed = await writeKey(deps.github, targets, newKey)
        unconfirmed.push(...failed.map(f => f.target))
        if (failed.length > 0)
          throw new StepFailure(
            '',
            `could not write the ${describeTarget(failed[0]!.target)}: ${failed[0]!.cause}`
          )
        const read = await Promise.all(targets.map(t => deps.github.readMetadata(t)))
        const stale = targets.findIndex((_, i) => (read[i]?.updatedAt.getTime() ?? 0) < since)
        if (stale >= 0) {
          throw new StepFailure(
            '',
            `the ${describeTarget(targets[stale]!)} does not show the write (updated_at ${read[stale]?.updatedAt.toISOString() ?? 'missing'})`
          )
        }
      },
      () => `${targets.length} secret(s) hold ${formatKeyId(newKey.accessKeyId)}; metadata read back`,
      String
    )
    return newKey
  }
  const run = await runSteps('rotation', steps, () =>
    rollBack({
      keys: deps.keys,
      github: deps.github,
      timeline: deps.timeline,
      oldKey,
      newKeyId: created?.accessKeyId,
      touched,
      unconfirmed
    })
  )
  if (run.status === 'failed') {
    const { failure, rollback } = run
    const what = `Key rotation failed at step ${failure.step}: ${failure.message.replace(/\.$/, '')}.`
    const fix = rollback.complete ? ' See docs/rotation.md, Troubleshooting.' : ''
    return { status: 'failed', failure: `${what} ${rollback.summary}${fix}`, state: rollback.state }
  }
  return 'status' in run.value ? run.value : retireOldKey(request, deps, run.value)
}
