import { run } from './main/run-main.js'
import { AUDIT_WORKER_ARGUMENT } from './audit/worker-argument.js'

// The audit runs in a worker thread of this same file (audit/audit-worker.ts).
if (process.argv[2] === AUDIT_WORKER_ARGUMENT) {
  await (await import('./audit/audit-worker-entry.js')).serveAuditJob()
} else {
  await run()
}
