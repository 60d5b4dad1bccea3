import { EOL } from 'node:os'

/** A cell of a summary table: its HTML, or a header cell. The shape @actions/core's tables take. */
export type TableCell = string | { readonly data: string; readonly header?: boolean }

/** One row of a summary table. */
export type TableRow = readonly TableCell[]

/** A table's header row: one header cell per title. */
export function headerRow(titles: readonly string[]): TableRow {
  return titles.map(data => ({ data, header: true }))
}

/** `<tag>content</tag>`, or the bare opening tag when there is no content (as @actions/core writes it). */
function wrap(tag: string, content: string, attrs: Readonly<Record<string, string>> = {}): string {
  const htmlAttrs = Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${value}"`)
    .join('')
  return content ? `<${tag}${htmlAttrs}>${content}</${tag}>` : `<${tag}${htmlAttrs}>`
}

/**
 * The job summary's HTML, built into a string: the same elements, attributes and line ends as
 * `core.summary`'s builder, so a renderer returns exactly what the runner shows, and effects/ writes it.
 */
export class SummaryHtml {
  private html = ''

  /** `text` as is, then a line end when `addEOL`. */
  addRaw(text: string, addEOL = false): this {
    this.html += addEOL ? `${text}${EOL}` : text
    return this
  }

  addHeading(text: string, level: 2 | 3): this {
    return this.addRaw(wrap(`h${level}`, text), true)
  }

  addTable(rows: readonly TableRow[]): this {
    const body = rows
      .map(row =>
        wrap(
          'tr',
          row
            .map(cell =>
              typeof cell === 'string' ? wrap('td', cell) : wrap(cell.header ? 'th' : 'td', cell.data)
            )
            .join('')
        )
      )
      .join('')
    return this.addRaw(wrap('table', body), true)
  }

  addList(items: readonly string[]): this {
    return this.addRaw(wrap('ul', items.map(item => wrap('li', item)).join('')), true)
  }

  addDetails(label: string, content: string): this {
    return this.addRaw(wrap('details', wrap('summary', label) + content), true)
  }

  addCodeBlock(code: string, lang?: string): this {
    return this.addRaw(wrap('pre', wrap('code', code), lang ? { lang } : {}), true)
  }

  /** The HTML built so far. */
  toString(): string {
    return this.html
  }
}
