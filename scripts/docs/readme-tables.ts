// The README's input and output tables, rendered from action.yml so the two can never disagree.
// Used by `npm run docs` (which rewrites README.md) and by __tests__/docs.test.ts (which fails on drift).
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

export interface ActionInputSpec {
  readonly description: string
  readonly required?: boolean
  readonly default?: string
}

export interface ActionMetadata {
  readonly inputs: Readonly<Record<string, ActionInputSpec>>
  readonly outputs: Readonly<Record<string, { readonly description: string }>>
}

/** The parts of action.yml the tables show. Non-string defaults (`default: 5`) are shown as written. */
export function parseActionMetadata(actionYml: string): ActionMetadata {
  const doc = parse(actionYml) as {
    inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown }>
    outputs?: Record<string, { description?: unknown }>
  }
  const inputs: Record<string, ActionInputSpec> = {}
  for (const [name, spec] of Object.entries(doc.inputs ?? {})) {
    inputs[name] = {
      description: String(spec?.description ?? ''),
      required: spec?.required === true,
      default: spec?.default === undefined ? undefined : String(spec.default)
    }
  }
  const outputs: Record<string, { description: string }> = {}
  for (const [name, spec] of Object.entries(doc.outputs ?? {})) {
    outputs[name] = { description: String(spec?.description ?? '') }
  }
  return { inputs, outputs }
}

/** One line of a table row: a pipe would end the cell and a line break the row. */
function oneCell(text: string): string {
  return text
    .trim()
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
}

/** Text as a markdown table cell; `<` is escaped too, or `<old key id>` would vanish as an HTML tag. */
export function tableCell(text: string): string {
  return oneCell(text).replace(/</g, '&lt;')
}

/**
 * A code span in a table cell. GFM splits cells on unescaped pipes before it parses code spans, so a
 * pipe is escaped even here; `<` is not, since entities are shown literally inside code. A longer
 * fence keeps any backticks in the text.
 */
export function codeCell(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = longestRun > 0 ? ' ' : ''
  return oneCell(`${fence}${pad}${text}${pad}${fence}`)
}

export function inputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.inputs).map(([name, spec]) => {
    const fallback = spec.required ? '**required**' : spec.default === undefined ? '' : codeCell(spec.default)
    return `| ${codeCell(name)} | ${fallback} | ${tableCell(spec.description)} |`
  })
  return ['| Input | Default | Description |', '| --- | --- | --- |', ...rows].join('\n')
}

export function outputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.outputs).map(
    ([name, spec]) => `| ${codeCell(name)} | ${tableCell(spec.description)} |`
  )
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n')
}

/**
 * Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->`. Each marker must appear
 * exactly once, start before end: a README that lost a marker must fail loudly, not keep a stale table.
 */
export function replaceSection(document: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const count = (marker: string) => document.split(marker).length - 1
  if (count(start) !== 1 || count(end) !== 1) {
    throw new Error(`README.md must contain ${start} and ${end} exactly once each`)
  }
  const from = document.indexOf(start) + start.length
  const to = document.indexOf(end)
  if (to < from) throw new Error(`${end} comes before ${start} in README.md`)
  return `${document.slice(0, from)}\n\n${content.trim()}\n\n${document.slice(to)}`
}

/** The text between two markers, for tests and for reading generated sections back. */
export function sectionOf(document: string, name: string): string {
  const start = `<!-- ${name}:start -->`
  const from = document.indexOf(start)
  const to = document.indexOf(`<!-- ${name}:end -->`)
  if (from < 0 || to < from) throw new Error(`README.md has no ${name} section`)
  return document.slice(from + start.length, to).trim()
}

/** Formats markdown as `npm run lint` (prettier --check) expects, with the project's prettier config. */
export async function formatMarkdown(markdown: string, filepath: string): Promise<string> {
  const config = (await resolveConfig(filepath)) ?? {}
  return format(markdown, { ...config, filepath, parser: 'markdown' })
}

/** README.md with both tables regenerated from action.yml and formatted as the linter wants it. */
export async function renderReadme(readme: string, actionYml: string, filepath: string): Promise<string> {
  const metadata = parseActionMetadata(actionYml)
  const withInputs = replaceSection(readme, 'inputs', inputsTable(metadata))
  const withOutputs = replaceSection(withInputs, 'outputs', outputsTable(metadata))
  return formatMarkdown(withOutputs, filepath)
}
