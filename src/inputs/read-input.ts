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
// The same, except the line breaks that separate the items of a list written as a YAML block.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_EXCEPT_LINE_BREAK = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_EXCEPT_LINE_BREAK_OR_TAB = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/
/** An error quotes at most this many characters of a bad value: enough to recognise it, never kilobytes. */
const QUOTE_LIMIT = 40
const INTEGER = /^\d+$/

export function readRaw(name: string): string {
  return core.getInput(name, { trimWhitespace: true })
}

/** A value as an error message may quote it: at most a short prefix, so a pasted blob stays readable. */
export function quoted(value: string): string {
  const chars = Array.from(value)
  return `'${chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT).join('')}…' (${chars.length} characters)` : `${value}'`}`
}

function rejectControl(name: string, value: string, pattern: RegExp): string {
  const match = pattern.exec(value)
  if (match) {
    const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    throw new InputError(
      name,
      `contains a newline or control character (${code} at position ${match.index + 1}). Values are written to runner files and logs; remove it (check the secret or variable for a trailing line break).`
    )
  }
  return value
}

/** Reads one input and rejects control characters, so nothing can smuggle a line into a runner file. */
export function text(read: Read, name: string): string {
  return rejectControl(name, read(name), CONTROL_CHARACTER)
}

export function optional(read: Read, name: string): string | undefined {
  const value = text(read, name)
  return value === '' ? undefined : value
}

function shown(name: string, value: string): string {
  return SECRET_INPUTS.has(name) ? '' : ` ${quoted(value)}`
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
  throw new InputError(name, `got ${quoted(value)}. Expected true or false.`)
}

export function integer(read: Read, name: string, fallback: number, min: number, max: number): number {
  const value = text(read, name)
  if (value === '') return fallback
  const parsed = INTEGER.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new InputError(name, `got ${quoted(value)}. Expected a whole number from ${min} to ${max}.`)
  }
  return parsed
}

/**
 * A list input: items separated by commas and/or line breaks, so both `a,b` and a YAML block (one item a
 * line, as `core.getMultilineInput` users write them) work. Line breaks only separate items; any other
 * control character is rejected as in {@link text}, and no item keeps a line break.
 */
export function list(read: Read, name: string): string[] {
  return rejectControl(name, read(name), CONTROL_EXCEPT_LINE_BREAK)
    .split(/[,\r\n]/)
    .map(item => item.trim())
    .filter(item => item !== '')
}

/**
 * A multi-line value kept whole (a JSON document written as a YAML block): line breaks and tabs are
 * allowed, other control characters are not. Never written to a runner file as it is.
 */
export function document(read: Read, name: string): string | undefined {
  const value = rejectControl(name, read(name), CONTROL_EXCEPT_LINE_BREAK_OR_TAB)
  return value === '' ? undefined : value
}

export function oneOf<T extends string>(read: Read, name: string, allowed: readonly T[], fallback: T): T {
  const value = text(read, name)
  if (value === '') return fallback
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `got ${quoted(value)}. Expected one of: ${allowed.join(', ')}.`)
  }
  return value as T
}
