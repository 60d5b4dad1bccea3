// What a person sees in the Actions log for a step: workflow commands rendered the way the runner
// renders them, debug lines hidden (unless step debug is on) and every registered mask applied.
import type { RunResult } from './run-action.js'
import { parseWorkflowCommands } from './workflow-commands.js'

export function applyMasks(text: string, masks: readonly string[]): string {
  // Longest first, so a secret that contains another is masked whole.
  return [...masks]
    .filter(m => m.length > 0)
    .sort((a, b) => b.length - a.length)
    .reduce((out, mask) => out.split(mask).join('***'), text)
}

export function runnerLog(result: RunResult, options: { debug?: boolean } = {}): string[] {
  const commandsByLine = new Map(parseWorkflowCommands(result.stdout).map(c => [c.line, c]))
  const lines: string[] = []
  result.stdout.split(/\r?\n/).forEach((line, index) => {
    const command = commandsByLine.get(index)
    if (!command) {
      if (line !== '') lines.push(line)
      return
    }
    switch (command.command) {
      case 'error':
        return void lines.push(`Error: ${command.message}`)
      case 'warning':
        return void lines.push(`Warning: ${command.message}`)
      case 'notice':
        return void lines.push(`Notice: ${command.message}`)
      case 'group':
        return void lines.push(`▸ ${command.message}`)
      case 'debug':
        if (options.debug) lines.push(`##[debug]${command.message}`)
        return
      default:
        return
    }
  })
  for (const line of result.stderr.split(/\r?\n/)) if (line !== '') lines.push(line)
  return lines.map(line => applyMasks(line, result.masks))
}
