import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { EventEmitter } from 'node:events'
import type { Worker, WorkerOptions } from 'node:worker_threads'
import * as core from '../../__fixtures__/core.js'
import type { AuditJob } from '../../src/audit/audit-job.js'
import type { AuditOutcome } from '../../src/audit/audit-outcome.js'

jest.unstable_mockModule('@actions/core', () => core)
const { auditInWorker, workerEnv } = await import('../../src/audit/audit-worker.js')
const { AUDIT_WORKER_ARGUMENT } = await import('../../src/audit/worker-argument.js')

const STORED_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const SESSION_SECRET = 'sessionSecretOfTheAssumedRoleXXXXXXXXXXX'
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN'
const GITHUB_TOKEN = 'ghs_exampleGithubToken0000000000000000'
const PROXY_PASSWORD = 'proxyPa55word'
const SECRETS = [STORED_SECRET, SESSION_SECRET, SESSION_TOKEN, GITHUB_TOKEN, PROXY_PASSWORD]

const job = {
  scope: 'account',
  settings: {
    secretAccessKey: STORED_SECRET,
    githubToken: GITHUB_TOKEN,
    httpProxy: `http://user:${PROXY_PASSWORD}@proxy.example:3128`
  },
  obtained: {
    credentials: {
      accessKeyId: 'ASIAEXAMPLESESSION01',
      secretAccessKey: SESSION_SECRET,
      sessionToken: SESSION_TOKEN
    },
    source: 'assume-role'
  },
  identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/a', userId: 'AIDA' },
  now: new Date('2025-06-01T12:00:00Z')
} as unknown as AuditJob

/** What a step's process environment can hold: the runner's, the inputs, the user's own secrets. */
const STEP_ENV = {
  GITHUB_OUTPUT: '/runner/output',
  GITHUB_STEP_SUMMARY: '/runner/summary',
  GITHUB_REPOSITORY: 'octo/repo',
  RUNNER_TEMP: '/runner/temp',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
  AWS_REGION: 'eu-west-1',
  NO_PROXY: 'localhost',
  HTTPS_PROXY: `http://user:${PROXY_PASSWORD}@proxy.example:3128`,
  'INPUT_AWS-SECRET-ACCESS-KEY': STORED_SECRET,
  'INPUT_GITHUB-TOKEN': GITHUB_TOKEN,
  AWS_SECRET_ACCESS_KEY: SESSION_SECRET,
  AWS_SESSION_TOKEN: SESSION_TOKEN,
  GITHUB_TOKEN,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidcRequestToken',
  ACTIONS_RUNTIME_TOKEN: 'runtimeToken',
  GITHUB_PAT: 'ghp_userSecretInAnOddName',
  DEPLOY_KEY: 'someOtherSecret'
}

/** A stand-in for the Worker: records how it was created; the test plays its events. */
function fakeWorker() {
  const created: { entry: string; options: WorkerOptions }[] = []
  const worker = new EventEmitter()
  const create = (entry: string, options: WorkerOptions) => {
    created.push({ entry, options })
    return worker as unknown as Worker
  }
  return { created, worker, create }
}

const OUTCOME: AuditOutcome = { warnings: ['w'], failure: undefined }

describe('audit-worker', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
    core.reset()
  })

  it('runs the job in a worker of the entry with a 6 MB young generation, and answers once it exited', async () => {
    const { created, worker, create } = fakeWorker()
    let settled = false
    const done = auditInWorker(job, create).then(outcome => ((settled = true), outcome))
    expect(created).toHaveLength(1)
    const [{ entry, options }] = created as [{ entry: string; options: WorkerOptions }]
    expect(entry).toBe(process.argv[1])
    expect(options.resourceLimits).toEqual({ maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 1024 })
    expect(options.argv).toEqual([AUDIT_WORKER_ARGUMENT])
    // The credentials go through memory, in the job.
    expect(options.workerData).toBe(job)
    worker.emit('message', OUTCOME)
    await new Promise(resolve => setImmediate(resolve))
    // Its last log lines may still be on their way: the group must not close before it exited.
    expect(settled).toBe(false)
    worker.emit('exit', 0)
    await expect(done).resolves.toEqual(OUTCOME)
  })

  it('passes no secret through the worker argv or env', async () => {
    Object.assign(process.env, STEP_ENV)
    const { created, create } = fakeWorker()
    void auditInWorker(job, create)
    const { options } = created[0]!
    const exposed = JSON.stringify({ argv: options.argv, execArgv: options.execArgv, env: options.env })
    for (const secret of [...SECRETS, 'oidcRequestToken', 'runtimeToken', 'ghp_userSecretInAnOddName']) {
      expect(exposed).not.toContain(secret)
    }
    expect(options.env).toMatchObject({
      GITHUB_OUTPUT: '/runner/output',
      GITHUB_STEP_SUMMARY: '/runner/summary',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566'
    })
  })

  it('keeps only the variables the audit reads, by name, and none holding one of the job secrets', () => {
    expect(workerEnv(job, STEP_ENV)).toEqual({
      GITHUB_OUTPUT: '/runner/output',
      GITHUB_STEP_SUMMARY: '/runner/summary',
      GITHUB_REPOSITORY: 'octo/repo',
      RUNNER_TEMP: '/runner/temp',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_REGION: 'eu-west-1',
      NO_PROXY: 'localhost'
    })
  })

  it('turns a worker that crashed into a failed audit for the verdict', async () => {
    const { worker, create } = fakeWorker()
    const done = auditInWorker(job, create)
    worker.emit('error', new RangeError('Maximum call stack size exceeded'))
    worker.emit('exit', 1)
    await expect(done).resolves.toEqual({
      failure: 'The account audit failed: RangeError: Maximum call stack size exceeded',
      warnings: []
    })
  })

  it('fails the audit when the worker exits without an outcome', async () => {
    const { worker, create } = fakeWorker()
    const done = auditInWorker(job, create)
    worker.emit('exit', 7)
    await expect(done).resolves.toMatchObject({ failure: expect.stringContaining('exited with code 7') })
  })
})
