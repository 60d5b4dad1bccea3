/**
 * Pure text surgery on the shared credentials/config files: finds a profile's sections and replaces or
 * appends exactly one section, leaving every other byte as it was. The files are not re-serialised
 * because users keep comments, ordering, CRLF endings and other profiles' secrets in them.
 *
 * Callers decode the file as latin1 so that each byte is one character: the splice then preserves
 * any encoding (UTF-8 comments, a BOM, even invalid bytes) when the text is encoded back as latin1.
 */

/** Which shared file: they name profiles differently (`[name]` vs `[profile name]`). */
export type ProfileFileKind = 'credentials' | 'config'

/** Key/value pairs of one section, in the order they are written. */
export type SectionValues = readonly (readonly [key: string, value: string])[]

interface Line {
  /** The line including its terminator (`\n`, `\r\n` or none on the last line). */
  readonly raw: string
  /** The line without its terminator. */
  readonly body: string
}

// A BOM is part of the first line's bytes; SDKs trim it away before looking for a header.
const BOM = /^(\uFEFF|\u00EF\u00BB\u00BF)/
// Like the AWS CLI's own writer: a header is `[...]` at the start of a line, anything after it ignored.
const HEADER = /^\s*\[([^\]]+)\]/
// `[profile name]`, with any whitespace after `profile` and the name optionally quoted (botocore shlex).
const CONFIG_PROFILE = /^profile\s+(["']?)(.*)\1$/
const COMMENT_OR_BLANK = /^\s*([#;].*)?$/
// What a written value may contain: printable ASCII, so no value can start a new line or section.
const WRITABLE = /^[\x21-\x7e]+$/
// A value may also hold inner spaces (a credential_process command line); readers trim only the ends.
const WRITABLE_VALUE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/
// A profile name must also not end the header early, start a comment or look quoted.
const WRITABLE_NAME = /^[^[\]#;"']+$/

function splitLines(text: string): Line[] {
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map(raw => ({ raw, body: raw.replace(/\r?\n$/, '') }))
}

/** The line ending the file already uses (from its first line break); `\n` for a file without one. */
export function detectEol(text: string): '\n' | '\r\n' {
  const index = text.indexOf('\n')
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n'
}

function sectionName(line: Line, index: number): string | undefined {
  const body = index === 0 ? line.body.replace(BOM, '') : line.body
  return HEADER.exec(body)?.[1]
}

/**
 * Whether a header names the profile. Whitespace around the name is ignored (as the AWS CLI and the
 * Java/Rust/Go SDKs do) so that the conflict check errs on the side of finding a profile. In config,
 * the default profile may be written `[default]` or `[profile default]`; `[name]` alone is no profile.
 */
function namesProfile(header: string, kind: ProfileFileKind, profile: string): boolean {
  const name = header.trim()
  if (kind === 'credentials') return name === profile
  if (profile === 'default' && name === 'default') return true
  const match = CONFIG_PROFILE.exec(name)
  return match !== null && match[2].trim() === profile
}

/** The header this action writes: `[name]` in credentials; `[profile name]` in config, except `[default]`. */
export function sectionHeader(kind: ProfileFileKind, profile: string): string {
  return kind === 'config' && profile !== 'default' ? `[profile ${profile}]` : `[${profile}]`
}

/** 1-based line numbers of every section that defines the profile (duplicates included). */
export function findProfile(text: string, kind: ProfileFileKind, profile: string): number[] {
  return splitLines(text).flatMap((line, index) => {
    const header = sectionName(line, index)
    return header !== undefined && namesProfile(header, kind, profile) ? [index + 1] : []
  })
}

/**
 * Line index ranges [start, end] of the profile's sections. A section runs from its header to its last
 * key or continuation line: blank lines and comments after that usually introduce the next section,
 * so they are not the profile's to remove.
 */
function profileExtents(lines: Line[], kind: ProfileFileKind, profile: string): [number, number][] {
  const extents: [number, number][] = []
  let current: [number, number] | undefined
  lines.forEach((line, index) => {
    const header = sectionName(line, index)
    if (header !== undefined) {
      current = namesProfile(header, kind, profile) ? [index, index] : undefined
      if (current) extents.push(current)
    } else if (current && !COMMENT_OR_BLANK.test(line.body)) {
      current[1] = index
    }
  })
  return extents
}

/**
 * Returns the text with the profile's section set to exactly `values`: the first existing section is
 * replaced in place and any duplicates removed (SDKs merge duplicates, so a stale key in one would win),
 * or a new section is appended. Line endings follow the file; a missing final newline stays missing.
 */
export function spliceProfile(
  text: string,
  kind: ProfileFileKind,
  profile: string,
  values: SectionValues
): string {
  const writable = values.every(([key, value]) => WRITABLE.test(key) && WRITABLE_VALUE.test(value))
  if (!writable || !WRITABLE.test(profile) || !WRITABLE_NAME.test(profile)) {
    throw new Error('profile names, keys and values must be printable ASCII; names without []#;\'"')
  }
  const eol = detectEol(text)
  const block = [sectionHeader(kind, profile), ...values.map(([key, value]) => `${key} = ${value}`)]
    .map(line => line + eol)
    .join('')
  const lines = splitLines(text)
  const extents = profileExtents(lines, kind, profile)

  let result: string
  if (extents.length === 0) {
    const last = lines.at(-1)
    const separator =
      last === undefined ? '' : (last.raw === last.body ? eol : '') + (last.body.trim() === '' ? '' : eol)
    result = text + separator + block
  } else {
    const [first] = extents
    result = lines
      .map((line, index) => {
        // The BOM belongs to the file, not to the header it happens to precede.
        if (index === first[0]) return (index === 0 ? (BOM.exec(line.body)?.[0] ?? '') : '') + block
        return extents.some(([start, end]) => index >= start && index <= end) ? '' : line.raw
      })
      .join('')
  }
  const hadFinalNewline = text === '' || text.endsWith('\n')
  return hadFinalNewline ? result : result.replace(/\r?\n$/, '')
}
