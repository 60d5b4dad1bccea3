import * as core from '@actions/core'

/** What happens when the deadline passes: fail the step now, whatever is still waiting on the network. */
function failAndExit(seconds: number): void {
  core.setFailed(
    `The step did not finish within action-timeout-s (${seconds} s), so it was stopped and nothing was exported. An endpoint or the proxy is slow or not answering (the log above shows the last step reached); raise action-timeout-s, or set it to 0 for no limit.`
  )
  process.exit(1)
}

/**
 * action-timeout-s: bounds the whole step. Credentials are exported synchronously at the very end, so a
 * deadline that fires stops the process before any export, never halfway through one. Returns a function
 * that cancels the deadline; 0 means no deadline.
 */
export function startStepDeadline(
  seconds: number,
  onExpiry: (seconds: number) => void = failAndExit
): () => void {
  if (seconds <= 0) return () => undefined
  const timer = setTimeout(() => onExpiry(seconds), seconds * 1000)
  // Never the reason the process stays alive: the step's own work is.
  timer.unref()
  return () => clearTimeout(timer)
}
