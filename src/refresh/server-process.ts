import type { AwsCredentials } from '../auth/credentials.js'
import { serveEndpoint } from './endpoint.js'
import { receiveFromParent } from './parent-pipe.js'
import type { RefreshPlan } from './refresh-plan.js'
import { isPermanentFailure, renewInChild } from './renew-in-child.js'
import { startRenewalLoop } from './renewal-loop.js'
import type { RefreshState, Session } from './session-machine.js'
import { writeStatus, type RefreshStatus } from './status-file.js'

/** What the process answers on its pipe once it listens (or why it could not). */
export type ReadyMessage = { readonly port: number } | { readonly error: string }

const iso = (ms: number): string => new Date(ms).toISOString()

function statusOf(state: RefreshState<AwsCredentials>, startedAt: number, stopped?: string): RefreshStatus {
  return {
    pid: process.pid,
    startedAt: iso(startedAt),
    renewals: state.renewals.map((at, i) => ({
      at: iso(at),
      // Only the latest session's expiry is kept in memory; earlier ones are not needed for the report.
      expiresAt: i === state.renewals.length - 1 ? iso(state.session.expiresAt) : ''
    })),
    failures: state.failures,
    lastError: state.lastError && { at: iso(state.lastError.at), message: state.lastError.message },
    stopped
  }
}

/**
 * The endpoint process (entry: src/refresh-server.ts): takes its plan from the pipe, serves the session
 * on 127.0.0.1 and renews it until the post step stops it, or until renewal is refused for good. It
 * loads no AWS SDK: each renewal is a short-lived process of its own.
 */
export async function runRefreshServer(): Promise<void> {
  // The plan comes once the step has checked the credentials; if the step fails first, its pipe closes.
  const plan = await receiveFromParent<RefreshPlan>()
  // This script again, with --renew: each renewal runs in a process of its own (renew-in-child.ts).
  const script = process.argv[1]!
  const startedAt = Date.now()
  let writes = Promise.resolve()
  const record = (state: RefreshState<AwsCredentials>, stopped?: string): Promise<void> =>
    (writes = writes
      .then(() => writeStatus(plan.statusFile, statusOf(state, startedAt, stopped)))
      .catch(() => {}))

  const toSession = (credentials: AwsCredentials): Session<AwsCredentials> => {
    const now = Date.now()
    const { expiration, ...served } = credentials
    // AssumeRole* always says when a session ends; an hour is the STS default if one ever did not.
    return { credentials: served, obtainedAt: now, expiresAt: expiration?.getTime() ?? now + 3_600_000 }
  }
  const loop = startRenewalLoop<AwsCredentials>({
    first: plan.first,
    renew: async () => toSession(await renewInChild(script, plan)),
    isPermanent: isPermanentFailure,
    onChange: state => void record(state),
    onStop: reason => void record(loop.state(), reason).then(() => process.exit(0))
  })
  const endpoint = await serveEndpoint(plan.endpoint, () => loop.current())

  const stop = (): void => {
    loop.stop()
    void endpoint.close()
    void record(loop.state(), 'stopped by the post step').then(() => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  process.send?.({ port: endpoint.port } satisfies ReadyMessage)
  // The step may end now: nothing ties this process to it any more.
  process.disconnect?.()
  await record(loop.state())
}
