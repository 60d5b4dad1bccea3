// The leak check every e2e test runs: a secret may reach the log only after the runner was told to
// mask it, and must never reach the job summary, the step state, the outputs (unless the step was
// asked to output credentials) or GITHUB_ENV of a failed step.
import type { RunResult } from './run-action.js'

export interface LeakCheckOptions {
  /** Secrets that may appear in outputs (output-credentials: true). */
  allowedInOutputs?: readonly string[]
}

export interface SecretLeak {
  /** The secret shortened to its first 4 characters, so a failing test does not print it. */
  secret: string
  where: string
}

export const redact = (secret: string): string => `${secret.slice(0, 4)}…(${secret.length} chars)`

/** Where the log's first `::add-mask::<secret>` line starts, or -1 when the secret is never masked. */
export function maskPosition(log: string, secret: string): number {
  const maskLine = `::add-mask::${secret}`
  for (let i = log.indexOf(maskLine); i >= 0; i = log.indexOf(maskLine, i + 1)) {
    const lineStart = i === 0 || log[i - 1] === '\n'
    const lineEnd = log.length === i + maskLine.length || /[\r\n]/.test(log[i + maskLine.length]!)
    if (lineStart && lineEnd) return i
  }
  return -1
}

/** The step's stdout and stderr in arrival order, as the runner's log has them. */
export const transcriptText = (result: RunResult): string => result.transcript.map(c => c.text).join('')

export function findSecretLeaks(
  result: RunResult,
  secrets: readonly string[],
  options: LeakCheckOptions = {}
): SecretLeak[] {
  const leaks: SecretLeak[] = []
  const log = transcriptText(result)
  for (const secret of secrets.filter(s => s.length >= 4)) {
    const leak = (where: string): void => void leaks.push({ secret: redact(secret), where })
    const maskAt = maskPosition(log, secret)
    const firstSeen = log.indexOf(secret)
    if (firstSeen >= 0 && (maskAt < 0 || firstSeen < maskAt + '::add-mask::'.length)) {
      const line = log.slice(0, firstSeen).split('\n').length
      leak(maskAt < 0 ? `log line ${line} (never masked)` : `log line ${line} (before its ::add-mask::)`)
    }
    if (result.summary.includes(secret)) leak('job summary')
    for (const [name, value] of Object.entries(result.state))
      if (value.includes(secret)) leak(`state ${name}`)
    if (!options.allowedInOutputs?.includes(secret)) {
      for (const [name, value] of Object.entries(result.outputs))
        if (value.includes(secret)) leak(`output ${name}`)
    }
    if (result.exitCode !== 0) {
      for (const [name, value] of Object.entries(result.exportedEnv)) {
        if (value.includes(secret)) leak(`GITHUB_ENV ${name} of a failed step`)
      }
    }
  }
  return leaks
}

export function assertNoSecretLeaks(
  result: RunResult,
  secrets: readonly string[],
  options: LeakCheckOptions = {}
): void {
  const leaks = findSecretLeaks(result, secrets, options)
  if (leaks.length > 0) {
    throw new Error(`Secret leak(s):\n${leaks.map(l => `  ${l.secret} in ${l.where}`).join('\n')}`)
  }
}
