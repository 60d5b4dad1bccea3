// The checks runMain and runPost apply to every step by default (docs/architecture.md, "Failures and secrets"), with the secrets taken
// from the fakes (secret-sources.ts) and the step's secret inputs, never from the action's own masks:
// 1. the leak check (secret-leaks.ts) over every known secret;
// 2. a failed step exports nothing and outputs no credentials;
// 3. every secret the step held (keys it signed with, sessions minted for it, tokens issued to it or
//    presented by it) and every known secret it exported or output was registered with ::add-mask::;
// 4. once a step got past input validation (it talked to a fake), each secret input was masked before
//    the step started its work (the first line other than masks, debug and validation warnings), so
//    nothing the step prints later can show it.
import type { RunResult } from './run-action.js'
import { findSecretLeaks, maskPosition, redact, transcriptText } from './secret-leaks.js'
import type { SecretSource } from './secret-sources.js'

/** Inputs whose values are secrets (action.yml); masked first thing in main (docs/architecture.md). */
export const SECRET_INPUTS = ['aws-secret-access-key', 'aws-session-token', 'github-token'] as const

/** Outputs that carry credentials: set only with output-credentials, and never by a failed step. */
export const CREDENTIAL_OUTPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'] as const

export interface StepWatch {
  /** What the fakes saw during the step; call once the step has ended. */
  finish(): { held: string[]; active: boolean }
  known: string[]
  keyIds: string[]
}

export function watchStep(sources: readonly SecretSource[]): StepWatch {
  const watchers = sources.map(s => s.watch())
  return {
    finish() {
      const seen = watchers.map(w => w())
      return { held: seen.flatMap(s => s.secrets), active: seen.some(s => s.active) }
    },
    get known() {
      return sources.flatMap(s => s.secrets())
    },
    get keyIds() {
      return sources.flatMap(s => s.accessKeyIds())
    }
  }
}

export interface StepFacts {
  /** Values of the secret inputs the step got (with: and action.yml defaults). */
  inputSecrets: string[]
  /** Every secret the fakes know. */
  known: string[]
  /** Access key ids the fakes know. */
  keyIds: string[]
  /** Secrets the step held, per the fakes. */
  held: string[]
  /** Whether the step talked to any fake. */
  active: boolean
}

const isTrue = (value: string | undefined): boolean => /^true$/i.test(value ?? '')

/**
 * Where in `log` the step starts its work: the first line that is not a mask, a debug line or an
 * input-validation annotation (docs/architecture.md, "The pipeline": validate the inputs, then mask, then obtain credentials).
 */
const BEFORE_WORK = /^::(add-mask|debug|warning|notice)[\s:]/
function firstVisibleLine(log: string): number {
  let offset = 0
  for (const line of log.split('\n')) {
    const text = line.trim()
    if (text !== '' && !BEFORE_WORK.test(text)) return offset
    offset += line.length + 1
  }
  return log.length
}

export function findStepProblems(result: RunResult, facts: StepFacts): string[] {
  const problems: string[] = []
  const log = transcriptText(result)
  const succeeded = result.exitCode === 0
  const valid = (s: string): boolean => s.length >= 4
  const inputSecrets = [...new Set(facts.inputSecrets.filter(valid))]
  const secrets = [...new Set([...facts.known, ...inputSecrets])].filter(valid)

  // 1. Leaks. A key id joins once the step masked it; credentials may be outputs only when asked for.
  const maskedKeyIds = facts.keyIds.filter(id => valid(id) && maskPosition(log, id) >= 0)
  const allowedInOutputs =
    succeeded && isTrue(result.inputs['output-credentials'])
      ? CREDENTIAL_OUTPUTS.map(name => result.outputs[name]).filter((v): v is string => v !== undefined)
      : []
  for (const leak of findSecretLeaks(result, [...secrets, ...maskedKeyIds], { allowedInOutputs }))
    problems.push(`secret ${leak.secret} leaked in ${leak.where}`)

  // 2. Nothing exported or output by a failed step (clearing a variable, as unset-current-credentials
  // does, exports nothing).
  if (!succeeded) {
    const exported = Object.entries(result.exportedEnv)
      .filter(([, value]) => value !== '')
      .map(([name]) => name)
    if (exported.length > 0) problems.push(`the failed step exported ${exported.join(', ')} to GITHUB_ENV`)
    const outputs = CREDENTIAL_OUTPUTS.filter(name => result.outputs[name] !== undefined)
    if (outputs.length > 0) problems.push(`the failed step set credential outputs ${outputs.join(', ')}`)
  }

  // 3. Every secret the step held, exported or output was masked before the step ended.
  const mustMask = new Map<string, string>()
  for (const secret of facts.held) mustMask.set(secret, 'the step held it (per the fakes)')
  for (const [where, values] of [
    ['GITHUB_ENV', result.exportedEnv],
    ['outputs', result.outputs]
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      for (const secret of secrets)
        if (value.includes(secret)) mustMask.set(secret, `${where} ${name} has it`)
    }
  }
  if (facts.active) for (const secret of inputSecrets) mustMask.set(secret, 'it is a secret input')
  for (const [secret, why] of mustMask) {
    if (valid(secret) && maskPosition(log, secret) < 0)
      problems.push(`secret ${redact(secret)} was never registered with ::add-mask:: (${why})`)
  }

  // 4. Secret inputs masked before the first visible line.
  if (facts.active) {
    const visibleAt = firstVisibleLine(log)
    for (const secret of inputSecrets) {
      const at = maskPosition(log, secret)
      if (at > visibleAt) {
        const line = log.slice(0, at).split('\n').length
        problems.push(
          `secret input ${redact(secret)} was masked late (log line ${line}, after the step started its work)`
        )
      }
    }
  }
  return problems
}
