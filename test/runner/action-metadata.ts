// Turns action.yml inputs plus a step's `with:` into the INPUT_* variables the runner sets.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

export interface ActionInput {
  name: string
  default?: string
  required?: boolean
}

export function readActionInputs(actionYmlPath: string): ActionInput[] {
  const doc = parse(readFileSync(actionYmlPath, 'utf8')) as {
    inputs?: Record<string, { default?: unknown; required?: boolean }>
  }
  return Object.entries(doc.inputs ?? {}).map(([name, spec]) => ({
    name,
    default: spec?.default === undefined ? undefined : String(spec.default),
    required: spec?.required
  }))
}

/** @actions/core reads `INPUT_${name.replace(/ /g, '_').toUpperCase()}`; hyphens stay. */
export const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`

/**
 * The runner evaluates default expressions; the only one action.yml uses is `${{ github.token }}`.
 * Unknown `with:` keys fail here (the runner only warns) so a typo in a test cannot pass silently.
 */
export function inputEnvironment(
  declared: readonly ActionInput[],
  given: Record<string, string>,
  githubToken: string
): Record<string, string> {
  const known = new Set(declared.map(i => i.name))
  const unexpected = Object.keys(given).filter(name => !known.has(name))
  if (unexpected.length > 0)
    throw new Error(`Unexpected input(s) '${unexpected.join("', '")}' for action.yml`)
  const env: Record<string, string> = {}
  for (const input of declared) {
    const value = given[input.name] ?? input.default?.replace(/\$\{\{\s*github\.token\s*\}\}/g, githubToken)
    if (value !== undefined) env[inputVariable(input.name)] = value
  }
  return env
}
