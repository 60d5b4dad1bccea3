import * as core from '@actions/core'
import { setTimeout as nextTurn } from 'node:timers/promises'
import { parentPort, resourceLimits, workerData } from 'node:worker_threads'
import { setUpNetwork } from '../aws/http-agent.js'
import { auditHere, type AuditJob } from './audit-job.js'

/**
 * The audit worker's side (see audit-worker.ts): sets up this thread's network as main did its own (the
 * proxy inputs, the proxy agent), runs the job it was given and posts the outcome back.
 */
export async function serveAuditJob(): Promise<void> {
  const { maxYoungGenerationSizeMb: young, maxOldGenerationSizeMb: old } = resourceLimits
  core.debug(`Audit worker thread: young generation ${young} MB, old generation ${old} MB.`)
  const job = workerData as AuditJob
  await setUpNetwork(job.settings)
  const outcome = await auditHere(job)
  // One turn of the event loop before the outcome is cloned for main: the GC work V8 has queued on it
  // runs first, so the clone (tens of MB for an organization) is not made on top of the audit's garbage,
  // which the thread's memory would then keep until the process ends. setImmediate, which runs before
  // that queue, does not do it. Organization bench (50 × 300 users): 184-196 MB peak without, 158-164
  // MB with (docs/performance.md).
  await nextTurn(0)
  parentPort!.postMessage(outcome)
}
