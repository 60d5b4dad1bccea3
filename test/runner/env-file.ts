// Reads the runner's file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE): `name=value` lines or
// `name<<DELIMITER` heredocs, as @actions/core writes them and the runner parses them.
export function parseEnvFile(content: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = content.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const heredoc = line.indexOf('<<')
    const eq = line.indexOf('=')
    if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]!)
      if (i >= lines.length) throw new Error(`Matching delimiter not found '${delimiter}' for ${name}`)
      result[name] = value.join('\n')
    } else if (eq > 0) {
      result[line.slice(0, eq)] = line.slice(eq + 1)
    } else {
      throw new Error(`Invalid format '${line}' in a runner file command`)
    }
  }
  return result
}

/** Lines of GITHUB_PATH. */
export const parsePathFile = (content: string): string[] => content.split(/\r?\n/).filter(l => l !== '')
