// Parses `::command key=value,…::message` lines from a step's stdout the way the runner does,
// including the escapes @actions/core applies and `::stop-commands::`/resume.
export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
  /** 0-based line index in stdout. */
  line: number
}

const COMMAND = /^::([A-Za-z0-9_.-]+)(?:\s+([^:]*?))?::(.*)$/

export const unescapeData = (s: string): string =>
  s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')

export const unescapeProperty = (s: string): string =>
  s
    .replace(/%0D/gi, '\r')
    .replace(/%0A/gi, '\n')
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%25/g, '%')

export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  let stopToken: string | undefined
  stdout.split(/\r?\n/).forEach((raw, line) => {
    const text = raw.trimStart()
    if (stopToken !== undefined) {
      if (text === `::${stopToken}::`) stopToken = undefined
      return
    }
    const match = COMMAND.exec(text)
    if (!match) return
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',')) {
      const eq = pair.indexOf('=')
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1))
    }
    const command = { command: match[1]!, properties, message: unescapeData(match[3] ?? ''), line }
    if (command.command === 'stop-commands') stopToken = command.message
    commands.push(command)
  })
  return commands
}
