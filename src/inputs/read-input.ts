import * as core from '@actions/core'

/** Reads one raw input by name; `core.getInput` in the action, a table in tests. */
export type Read = (name: string) => string

/** A bad input: the message names the input and what is allowed, and never echoes a secret. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Invalid input '${input}': ${detail}`)
    this.name = 'InputError'
  }
}

/** Inputs that hold secrets: their values never appear in a message. */
const SECRET_INPUTS = new Set(['aws-secret-access-key', 'aws-session-token', 'github-token'])

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const INTEGER = /^\d+$/

export function readRaw(name: string): string {
  return core.getInput(name, { trimWhitespace: true })
}

/** Reads one input and rejects control characters, so nothing can smuggle a line into a runner file. */
export function text(read: Read, name: string): string {
  const value = read(name)
  const match = CONTROL_CHARACTER.exec(value)
  if (match) {
    const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    throw new InputError(
      name,
      `contains a newline or control character (${code} at position ${match.index + 1}). Values are written to runner files and logs; remove it (check the secret or variable for a trailing line break).`
    )
  }
  return value
}

export function optional(read: Read, name: string): string | undefined {
  const value = text(read, name)
  return value === '' ? undefined : value
}

function shown(name: string, value: string): string {
  return SECRET_INPUTS.has(name) ? '' : ` '${value}'`
}

export function matching(read: Read, name: string, pattern: RegExp, expected: string): string | undefined {
  const value = optional(read, name)
  if (value !== undefined && !pattern.test(value)) {
    throw new InputError(name, `got${shown(name, value)}. Expected ${expected}.`)
  }
  return value
}

export function boolean(read: Read, name: string, fallback: boolean): boolean {
  const value = text(read, name)
  if (value === '') return fallback
  if (/^true$/i.test(value)) return true
  if (/^false$/i.test(value)) return false
  throw new InputError(name, `got '${value}'. Expected true or false.`)
}

export function integer(read: Read, name: string, fallback: number, min: number, max: number): number {
  const value = text(read, name)
  if (value === '') return fallback
  const parsed = INTEGER.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new InputError(name, `got '${value}'. Expected a whole number from ${min} to ${max}.`)
  }
  return parsed
}

export function list(read: Read, name: string): string[] {
  return text(read, name)
    .split(',')
    .map(item => item.trim())
    .filter(item => item !== '')
}

export function oneOf<T extends string>(read: Read, name: string, allowed: readonly T[], fallback: T): T {
  const value = text(read, name)
  if (value === '') return fallback
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `got '${value}'. Expected one of: ${allowed.join(', ')}.`)
  }
  return value as T
}
