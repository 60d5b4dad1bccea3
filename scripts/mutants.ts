// `npm run test:mutants [-- <id> …]`: proves the tests catch what they claim to. Checks every mutant's
// pattern still matches its file exactly once, copies the repository to one temporary folder per worker
// (node_modules linked, not copied), builds the mutation bundle (scripts/mutants/mutant-bundle.ts) and runs
// every listed test on the unbroken copy, then hands the mutants to the workers: each applies one, rebuilds
// the bundle when an end-to-end test is listed (and requires its bytes to differ from the baseline's, or
// the mutant changed nothing the tests run), runs the listed tests and restores the file.
// Prints mutant → killing test, and exits 1 if a pattern is stale, the baseline fails, or a mutant
// survives (no test failed) or is inconclusive (only timeouts, a suite that did not run, a failed build).
// MUTANT_WORKERS (default: 2, this machine's cores) sets how many mutants run at once.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MUTANTS, type Mutant } from './mutants/mutant-list.js'
import { bundleForMutants } from './mutants/mutant-bundle.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'build', 'coverage'])
const WORKERS = Math.max(1, Number(process.env.MUTANT_WORKERS ?? 2))

type Outcome = 'killed' | 'survived' | 'inconclusive'
interface Row {
  mutant: Mutant
  outcome: Outcome
  killers: string[]
  note: string
  seconds: number
}

const occurrences = (text: string, snippet: string): number => text.split(snippet).length - 1

/** Every pattern must match exactly once, or the mutant would test nothing (or the wrong thing). */
function stalePatterns(mutants: readonly Mutant[]): string[] {
  return mutants.flatMap(m => {
    let count = 0
    try {
      count = occurrences(readFileSync(join(ROOT, m.file), 'utf8'), m.find)
    } catch {
      return [`${m.id}: ${m.file} does not exist`]
    }
    return count === 1
      ? []
      : [`${m.id}: ${JSON.stringify(m.find)} matches ${count} times in ${m.file}, not once`]
  })
}

function copyRepository(): string {
  const work = mkdtempSync(join(tmpdir(), 'aws-auth-check-mutants-'))
  for (const entry of readdirSync(ROOT)) {
    if (!NOT_COPIED.has(entry)) cpSync(join(ROOT, entry), join(work, entry), { recursive: true })
  }
  symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir')
  return work
}

/** The mutation bundle; undefined and the build's error when it fails. */
async function bundle(work: string): Promise<{ hash?: string; error?: string }> {
  try {
    return { hash: await bundleForMutants(work) }
  } catch (error) {
    return { error: `bundle failed: ${error instanceof Error ? error.message : String(error)}` }
  }
}

interface JestJson {
  testResults: {
    name: string
    status: string
    message: string
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[]
  }[]
}

/** The gist of a failure for the report: its first line that says something, without colours. */
function firstLine(messages: readonly string[]): string {
  // eslint-disable-next-line no-control-regex -- jest colours its messages with ANSI escapes
  const text = messages.join('\n').replace(/\u001b\[[0-9;]*m/g, '')
  const line = text.split('\n').find(l => l.trim() !== '' && !/^\s*(Error:\s*)?$/.test(l)) ?? ''
  const next = text.split('\n').find(l => l.trim().startsWith('- ')) ?? ''
  return `${line.trim()}${line.includes('secret rules') ? ` ${next.trim()}` : ''}`.slice(0, 220)
}

/** Runs the tests; returns the failed tests, and whether anything failed for a reason other than a test. */
async function runTests(
  work: string,
  tests: readonly string[]
): Promise<{ failed: string[]; broken: string[] }> {
  const out = join(work, 'mutant-jest.json')
  rmSync(out, { force: true })
  // One jest worker per copy: the copies themselves run side by side.
  const jest = spawn(
    process.execPath,
    [
      join(work, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--ci',
      '--json',
      `--outputFile=${out}`,
      '--testTimeout=60000',
      '--maxWorkers=1',
      ...tests
    ],
    { cwd: work, stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' } }
  )
  await new Promise(done => jest.on('close', done))
  let report: JestJson
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as JestJson
  } catch {
    return { failed: [], broken: ['jest wrote no report'] }
  }
  const failed: string[] = []
  const broken: string[] = []
  for (const file of report.testResults) {
    const name = relative(work, file.name)
    const failures = file.assertionResults.filter(a => a.status === 'failed')
    if (file.status === 'failed' && failures.length === 0)
      broken.push(`${name}: ${file.message.split('\n')[0]}`)
    for (const failure of failures) {
      const timeout = failure.failureMessages.every(m => m.includes('Exceeded timeout'))
      ;(timeout ? broken : failed).push(
        `${name} › ${failure.fullName} [${firstLine(failure.failureMessages)}]`
      )
    }
  }
  return { failed, broken }
}

/** Applies one mutant in `work`, runs its tests, and puts the file back whatever happened. */
async function tryMutant(work: string, baselineHash: string, mutant: Mutant): Promise<Row> {
  const started = performance.now()
  const path = join(work, mutant.file)
  const original = readFileSync(path, 'utf8')
  writeFileSync(path, original.replace(mutant.find, mutant.replace))
  try {
    if (mutant.tests.some(t => t.includes('__tests__/e2e/'))) {
      const built = await bundle(work)
      if (built.error) return row(mutant, 'inconclusive', [], built.error.slice(0, 2000), started)
      if (built.hash === baselineHash) {
        return row(mutant, 'inconclusive', [], 'the mutant left the bundle unchanged', started)
      }
    }
    const { failed, broken } = await runTests(work, mutant.tests)
    if (failed.length > 0) return row(mutant, 'killed', failed, `${failed.length} test(s) failed`, started)
    if (broken.length > 0) return row(mutant, 'inconclusive', [], broken.join('; '), started)
    return row(mutant, 'survived', [], 'every listed test passed', started)
  } finally {
    writeFileSync(path, original)
  }
}

function row(mutant: Mutant, outcome: Outcome, killers: string[], note: string, started: number): Row {
  return { mutant, outcome, killers, note, seconds: Math.round((performance.now() - started) / 1000) }
}

function printTable(rows: readonly Row[]): void {
  console.log('\n| mutant | breakage | result | killed by (first failing test) | s |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const r of rows) {
    const killer = r.killers[0] ?? r.note
    const more = r.killers.length > 1 ? ` (+${r.killers.length - 1} more)` : ''
    const cell = `${killer}${more}`.replaceAll('|', '\\|').replaceAll('\n', ' ')
    console.log(`| ${r.mutant.id} | ${r.mutant.what} | ${r.outcome} | ${cell} | ${r.seconds} |`)
  }
}

const only = process.argv.slice(2)
const selected = only.length > 0 ? MUTANTS.filter(m => only.includes(m.id)) : MUTANTS
const unknown = only.filter(id => !MUTANTS.some(m => m.id === id))
if (unknown.length > 0) {
  console.error(`Unknown mutant(s): ${unknown.join(', ')}. Known: ${MUTANTS.map(m => m.id).join(', ')}`)
  process.exit(1)
}
const stale = stalePatterns(selected)
if (stale.length > 0) {
  console.error(
    `Mutant pattern(s) no longer match the source; update scripts/mutants/mutant-list.ts:\n  ${stale.join('\n  ')}`
  )
  process.exit(1)
}

async function main(): Promise<number> {
  const copies = Array.from({ length: Math.min(WORKERS, selected.length) }, copyRepository)
  try {
    console.log(
      `Copied the repository to ${copies.join(', ')}; baseline: bundle and run every listed test unbroken…`
    )
    const tests = [...new Set(selected.flatMap(m => m.tests))]
    const built = await Promise.all(copies.map(bundle))
    const buildError = built.find(b => b.error)?.error
    const baseline = buildError === undefined ? await runTests(copies[0]!, tests) : undefined
    const problems = buildError ? [buildError] : [...baseline!.failed, ...baseline!.broken]
    if (problems.length > 0) {
      console.error(
        `The unbroken copy fails, so no mutant result would mean anything:\n  ${problems.join('\n  ')}`
      )
      return 1
    }
    const rows: Row[] = new Array(selected.length)
    let next = 0
    await Promise.all(
      copies.map(async (work, copy) => {
        for (let i = next++; i < selected.length; i = next++) {
          const r = await tryMutant(work, built[copy]!.hash!, selected[i]!)
          console.log(`${r.outcome.padEnd(12)} ${r.mutant.id} (${r.seconds} s): ${r.killers[0] ?? r.note}`)
          rows[i] = r
        }
      })
    )
    printTable(rows)
    const alive = rows.filter(r => r.outcome !== 'killed')
    if (alive.length > 0) {
      console.error(`\n${alive.length} mutant(s) not killed: ${alive.map(r => r.mutant.id).join(', ')}`)
      return 1
    }
    console.log(`\nAll ${rows.length} mutants killed.`)
    return 0
  } finally {
    for (const work of copies) rmSync(work, { recursive: true, force: true })
  }
}

process.exitCode = await main()
