import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { InputError, type Read } from './read-input.js'
import { CHECK_NAMES, type CheckSettings } from './check-inputs.js'
import {
  RequirementSyntaxError,
  dedupeRequirements,
  parseRequirementLine,
  requirementsFromPolicy,
  type RequiredPermission
} from './required-permissions.js'

export type { RequiredPermission } from './required-permissions.js'

/** What the deploy needs, proved by the `permissions` check before anything is exported. */
export interface PermissionSettings {
  /** Every action/resource pair from require-permissions (lines and file: policies), deduplicated. */
  readonly requiredPermissions: readonly RequiredPermission[]
}

// Line breaks separate requirements; any other control character is as suspect here as in any input.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTER = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/

/**
 * A multi-line input's non-empty lines (`#` starts a comment) with their 1-based numbers. Line breaks
 * separate entries; every other control character is rejected, as in any input.
 */
function lines(read: Read, name: string): { text: string; number: number }[] {
  const value = read(name)
  const lines = value.split(/\r?\n/)
  const result: { text: string; number: number }[] = []
  lines.forEach((raw, index) => {
    const match = CONTROL_CHARACTER.exec(raw)
    if (match) {
      const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
      throw new InputError(
        name,
        `line ${index + 1} contains a control character (${code} at column ${match.index + 1}). Put one requirement per line, without tabs or other control characters.`
      )
    }
    const text = raw.replace(/#.*$/, '').trim()
    if (text !== '') result.push({ text, number: index + 1 })
  })
  return result
}

/** The policy document a `file:` line names, read now: before any network call, like every input. */
function readPolicyFile(path: string, where: string, workspace: string): unknown {
  const full = isAbsolute(path) ? path : resolve(workspace, path)
  let text: string
  try {
    text = readFileSync(full, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new RequirementSyntaxError(
      `${where}: cannot read ${full} (${code}). Paths are relative to the workspace; check out the repository before this step.`
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new RequirementSyntaxError(`${where}: ${path} is not valid JSON (${(error as Error).message}).`)
  }
}

export function readPermissionInputs(
  read: Read,
  workspace = process.env.GITHUB_WORKSPACE || process.cwd()
): PermissionSettings {
  const required: RequiredPermission[] = []
  try {
    for (const { text, number } of lines(read, 'require-permissions')) {
      const where = `line ${number}`
      if (text.startsWith('file:')) {
        const path = text.slice('file:'.length).trim()
        if (path === '')
          throw new RequirementSyntaxError(`${where}: 'file:' needs a path to a policy document.`)
        required.push(...requirementsFromPolicy(readPolicyFile(path, where, workspace), `${where} (${text})`))
      } else {
        required.push(parseRequirementLine(text, where))
      }
    }
  } catch (error) {
    if (error instanceof RequirementSyntaxError) throw new InputError('require-permissions', error.message)
    throw error
  }
  return { requiredPermissions: Object.freeze(dedupeRequirements(required)) }
}

/**
 * require-permissions adds the `permissions` check (whatever `checks` says: the requirement must be
 * proved); `checks: permissions` without a requirement has nothing to prove.
 */
export function withPermissionsCheck(checks: CheckSettings, permissions: PermissionSettings): CheckSettings {
  const required = permissions.requiredPermissions.length > 0
  const asked = checks.checks.includes('permissions')
  if (asked && !required) {
    throw new InputError(
      'checks',
      `'permissions' needs require-permissions: list the actions the deploy needs (service:Action [resource-arn] per line, or file:PATH of a policy document).`
    )
  }
  if (!required || asked) return checks
  const names = new Set([...checks.checks, 'permissions'])
  return { ...checks, checks: Object.freeze(CHECK_NAMES.filter(n => names.has(n))) }
}
