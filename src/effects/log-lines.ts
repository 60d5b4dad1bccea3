import * as core from '@actions/core'

/** Writes lines report/ rendered to the step's log, one `core.info` each, in order. */
export function logLines(lines: readonly string[]): void {
  for (const line of lines) core.info(line)
}
