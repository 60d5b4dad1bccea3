import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childEnvironment } from './child-environment.js'
import type { EndpointSecrets } from './endpoint.js'
import type { RefreshPlan } from './refresh-plan.js'
import type { ReadyMessage } from './server-process.js'

/** How long the step waits for the process to listen before failing. */
const READY_WAIT_MS = 10_000

export interface StartedEndpoint {
  readonly pid: number
  readonly url: string
  readonly token: string
  /** Kills the process: used when the step fails after starting it. */
  kill(): void
}

/** A fresh path and token: 256 random bits each. */
export function endpointSecrets(): EndpointSecrets {
  return { path: `/${randomBytes(32).toString('hex')}`, token: randomBytes(32).toString('base64url') }
}

/** The folder for the status file (and the profile's token file): the job's temp folder, owner only. */
export function refreshFolder(
  env: Readonly<Record<string, string | undefined>> = process.env
): Promise<string> {
  return mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'aws-auth-check-refresh-'))
}

/**
 * Starts the endpoint process (dist/refresh/index.js) detached: its own process group (POSIX) or console
 * (Windows, hidden), no stdio of the step's (a runner waits until every holder of the step's stdout has
 * closed it), an environment of its own (child-environment.ts), the working directory out of the
 * workspace (Windows cannot delete a folder a process runs in). The plan goes through the IPC pipe, the
 * port comes back on it; then the pipe is closed and the process unref'd, so the step can end at once.
 */
export async function startEndpoint(serverScript: string, plan: RefreshPlan): Promise<StartedEndpoint> {
  const child = spawn(process.execPath, [serverScript], {
    detached: true,
    windowsHide: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    serialization: 'json',
    env: childEnvironment(process.env),
    cwd: tmpdir()
  })
  const kill = (): void => {
    try {
      child.kill()
    } catch {
      // already gone
    }
  }
  try {
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`it did not start in ${READY_WAIT_MS / 1000} s`)),
        READY_WAIT_MS
      )
      child.once('message', message => {
        clearTimeout(timer)
        resolve(message as ReadyMessage)
      })
      child.once('error', error => {
        clearTimeout(timer)
        reject(error)
      })
      child.once('exit', code => {
        clearTimeout(timer)
        reject(new Error(`it exited with code ${code ?? 'none'} before listening`))
      })
      child.send(plan)
    })
    if ('error' in ready) throw new Error(ready.error)
    if (child.connected) child.disconnect()
    child.removeAllListeners()
    child.unref()
    return {
      pid: child.pid!,
      url: `http://127.0.0.1:${ready.port}${plan.endpoint.path}`,
      token: plan.endpoint.token,
      kill
    }
  } catch (error) {
    kill()
    throw error
  }
}
