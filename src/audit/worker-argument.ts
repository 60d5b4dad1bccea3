/**
 * The argument that makes the bundle's entry serve an audit job instead of running the action: the audit
 * worker runs the same file (dist/index.js), so its chunks are shared, and the entry tells the two apart
 * by this alone, without loading anything.
 */
export const AUDIT_WORKER_ARGUMENT = '--audit-worker'
