import * as core from '@actions/core'
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
  parentPort!.postMessage(await auditHere(job))
}
