import { Worker, type WorkerOptions } from 'node:worker_threads'
import type { AuditJob } from './audit-job.js'
import { auditFailure, type AuditOutcome } from './audit-outcome.js'
import { AUDIT_WORKER_ARGUMENT } from './worker-argument.js'

/**
 * The worker's heap. An audit makes a lot of short-lived garbage (the IAM API fallback about 180 KB per
 * SDK call: middleware, signing, XML parsing, the request; an organization audit dozens of accounts'
 * calls and reports), none of it kept. In the main thread V8 answers that allocation rate by doubling the
 * young generation step by step to its maximum, and the pages it commits stay: peak RSS was 250–267 MB
 * with the fallback at 10,000 users. Here the young generation stays at two 2 MB semi-spaces (6 MB with
 * the large-object space), and an explicit old-generation limit makes V8 collect the promoted garbage
 * early instead of growing towards its default 4 GB: 149–174 MB at 10,000 users (179–204 MB with the
 * young limit alone). 1 GB is far above what an audit keeps (~30 MB at 10,000 users); a job that
 * reached it would fail its audit with "out of memory" and should be sharded. `resourceLimits` is the
 * limit Node documents for this; a process gets it only from flags at start-up, which an action cannot
 * pass.
 */
export const HEAP_LIMITS = { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 1024 } as const

/**
 * The variables the audit and its libraries read, by name. Listed rather than filtered, since a step's
 * env can hold any secret under any name.
 */
const PASSED = new Set([
  // The runner's files and the GitHub context, which @actions/core reads.
  ...['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_WORKSPACE', 'GITHUB_REPOSITORY', 'GITHUB_API_URL'],
  ...['GITHUB_SERVER_URL', 'GITHUB_GRAPHQL_URL', 'GITHUB_RUN_ID', 'GITHUB_RUN_NUMBER', 'GITHUB_RUN_ATTEMPT'],
  ...['GITHUB_SHA', 'GITHUB_REF', 'GITHUB_WORKFLOW', 'GITHUB_JOB', 'GITHUB_ACTION', 'GITHUB_ACTOR'],
  ...['GITHUB_EVENT_NAME', 'GITHUB_EVENT_PATH', 'RUNNER_TEMP', 'RUNNER_DEBUG'],
  // The AWS SDK's settings (AWS_ENDPOINT_URL_<SERVICE> below), proxies and CA bundles.
  ...['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CA_BUNDLE', 'AWS_USE_FIPS_ENDPOINT', 'AWS_RETRY_MODE'],
  ...['AWS_USE_DUALSTACK_ENDPOINT', 'AWS_DEFAULTS_MODE', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'],
  ...['AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SDK_UA_APP_ID'],
  ...['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS', 'HOME', 'TMPDIR']
])
const passed = (name: string): boolean =>
  PASSED.has(name.toUpperCase()) || /^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/.test(name)

/** Every secret the job holds, as it could appear in a variable's value. */
function secretsOf({ settings, obtained }: AuditJob): string[] {
  const { credentials, longLivedKey } = obtained
  const values = [settings.accessKeyId, settings.secretAccessKey, settings.sessionToken, settings.githubToken]
  for (const c of [credentials, longLivedKey])
    values.push(c?.accessKeyId, c?.secretAccessKey, c?.sessionToken)
  if (settings.httpProxy)
    values.push(URL.canParse(settings.httpProxy) ? new URL(settings.httpProxy).password : '')
  return values.filter((v): v is string => Boolean(v))
}

/**
 * The worker's environment: only the variables the audit reads, and none of them holding one of the job's
 * secrets (a proxy URL with the http-proxy input's password). The secrets go in the job, through memory.
 */
export function workerEnv(job: AuditJob, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const secrets = secretsOf(job)
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !passed(name)) continue
    if (secrets.some(secret => value.includes(secret))) continue
    kept[name] = value
  }
  return kept
}

export type CreateWorker = (entry: string, options: WorkerOptions) => Worker

/**
 * Runs `job` in a worker thread of this bundle's entry (process.argv[1], which serves it when given
 * {@link AUDIT_WORKER_ARGUMENT}) with the {@link HEAP_LIMITS}. Its log lines go to this process's
 * stdout; the outcome comes back as a message. Resolves once the worker has exited, so every line it
 * printed is out before the caller closes the log group. Never throws.
 */
export function auditInWorker(
  job: AuditJob,
  createWorker: CreateWorker = (entry, options) => new Worker(entry, options)
): Promise<AuditOutcome> {
  const what = `${job.scope} audit`
  return new Promise(resolve => {
    let outcome: AuditOutcome | undefined
    let failure: unknown
    const worker = createWorker(process.argv[1]!, {
      argv: [AUDIT_WORKER_ARGUMENT],
      env: workerEnv(job),
      workerData: job,
      resourceLimits: HEAP_LIMITS
    })
    worker.on('message', (message: AuditOutcome) => (outcome = message))
    worker.on('error', error => (failure = error))
    worker.on('exit', code =>
      resolve(
        outcome ??
          auditFailure(what, failure ?? new Error(`the audit worker exited with code ${code} and no result`))
      )
    )
  })
}
