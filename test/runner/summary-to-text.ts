// Renders the HTML job summary @actions/core writes (headings, tables, lists, details) as plain
// terminal text, so the demo can show what GitHub would show on the run page.
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' '
}

const decode = (s: string): string =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&[a-z#0-9]+;/gi, e => ENTITIES[e] ?? e)

/** Tags stripped; entities are decoded once, at the very end, so `&#60;x&#62;` cannot turn into a tag. */
const stripTags = (html: string): string =>
  html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<code>(.*?)<\/code>/gis, '`$1`')
    .replace(/<[^>]+>/g, '')
    .trim()

/** Visible width in a terminal: emoji and other wide characters take two columns. */
function width(text: string): number {
  let w = 0
  let last = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    // VS16 asks for emoji presentation, which terminals draw two columns wide.
    if (cp === 0xfe0f) {
      if (last === 1) w += 1
      last = 2
      continue
    }
    last = cp >= 0x1f000 || (cp >= 0x2600 && cp < 0x27c0) || (cp >= 0x2b00 && cp < 0x2c00) ? 2 : 1
    w += last
  }
  return w
}

function renderTable(html: string): string {
  const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/gis)].map(row =>
    [...row[1]!.matchAll(/<t([hd])[^>]*>(.*?)<\/t[hd]>/gis)].map(cell => ({
      header: cell[1] === 'h',
      text: decode(stripTags(cell[2]!))
    }))
  )
  const columns = Math.max(0, ...rows.map(r => r.length))
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(...rows.map(r => width(r[i]?.text ?? '')))
  )
  const line = (cells: { text: string }[]): string =>
    '│ ' +
    widths.map((w, i) => (cells[i]?.text ?? '') + ' '.repeat(w - width(cells[i]?.text ?? ''))).join(' │ ') +
    ' │'
  const rule = (l: string, m: string, r: string): string => l + widths.map(w => '─'.repeat(w + 2)).join(m) + r
  const out = [rule('┌', '┬', '┐')]
  rows.forEach((row, index) => {
    out.push(line(row))
    if (row.every(c => c.header) && index < rows.length - 1) out.push(rule('├', '┼', '┤'))
  })
  out.push(rule('└', '┴', '┘'))
  return out.join('\n')
}

export function summaryToText(html: string): string {
  const blocks: string[] = []
  const withTables = html.replace(/<table[^>]*>.*?<\/table>/gis, table => {
    blocks.push(renderTable(table))
    return `\n\uE000${blocks.length - 1}\uE000\n`
  })
  const text = withTables
    .replace(/<h([1-6])[^>]*>(.*?)<\/h\1>/gis, (_, level: string, title: string) => {
      const t = stripTags(title)
      return `\n${t}\n${(level === '1' || level === '2' ? '═' : '─').repeat(width(decode(t)))}\n`
    })
    .replace(/<summary[^>]*>(.*?)<\/summary>/gis, (_, s: string) => `\n▾ ${stripTags(s)}\n`)
    .replace(/<li[^>]*>(.*?)<\/li>/gis, (_, s: string) => `\n  • ${stripTags(s)}`)
    .replace(/<pre[^>]*>(.*?)<\/pre>/gis, (_, s: string) => `\n${s.replace(/<[^>]+>/g, '')}\n`)
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<hr\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
  return decode(text)
    .replace(/\uE000(\d+)\uE000/g, (_, i: string) => blocks[Number(i)]!)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
