import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Whether the process still runs. An exited one that nobody has reaped yet (a zombie: its parent, the main
 * step, is gone, and a container's PID 1 may never reap) answers signals too, so Linux's state says.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists but is not ours, which a pid the main step started never is.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return process.platform !== 'linux'
  }
}

/**
 * Whether `pid` is still the endpoint process, not a process that reused its number in a long job: on
 * Linux its command line names the endpoint's bundle; elsewhere the status file it wrote has to do.
 */
async function isEndpoint(pid: number): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('refresh')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' || process.platform !== 'linux'
  }
}

/**
 * Stops the endpoint process: SIGTERM (it writes its last status and exits), then SIGKILL if it has not
 * gone after `graceMs`. True when it was running. On Windows a kill is immediate either way.
 */
export async function stopEndpoint(pid: number, graceMs = 2_000): Promise<boolean> {
  if (!isRunning(pid) || !(await isEndpoint(pid))) return false
  process.kill(pid, 'SIGTERM')
  for (let waited = 0; waited < graceMs; waited += 50) {
    if (!isRunning(pid)) return true
    await sleep(50)
  }
  if (isRunning(pid)) process.kill(pid, 'SIGKILL')
  return true
}
