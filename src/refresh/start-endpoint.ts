import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { childEnvironment } from './child-environment.js'
import type { RefreshPlan } from './refresh-plan.js'
import type { ReadyMessage } from './server-process.js'

const ENDPOINT_V8_FLAGS = ['--max-semi-space-size=1', '--v8-pool-size=1']

/** How long the step waits, once it has handed over the plan, for the process to listen. */
const READY_WAIT_MS = 10_000

export interface StartedEndpoint {
  readonly pid: number
  readonly url: string
  readonly token: string
  /** Kills the process: used when the step fails after starting it. */
  kill(): void
}

/** The process, started but not yet given its plan. */
export interface BootingEndpoint {
  /** Hands over the plan through the pipe and waits until the process listens. */
  start(plan: RefreshPlan): Promise<StartedEndpoint>
  kill(): void
}

/**
 * Starts the endpoint process (dist/refresh/index.js) detached: its own process group (POSIX) or console
 * (Windows, hidden), no stdio of the step's (a runner waits until every holder of the step's stdout has
 * closed it), an environment of its own (child-environment.ts), the working directory out of the
 * workspace (Windows cannot delete a folder a process runs in). Started early, so node boots while the
 * step obtains and checks the credentials; it waits for its plan on the IPC pipe and exits if the step
 * ends without sending one. Neither the process nor the pipe keeps the step alive.
 *
 * V8 runs it lean: a 1 MB young generation and one background thread for V8's compile and GC work
 * instead of node's four. Under the bench's load (50 clients) that holds about 3 MB less than node's
 * defaults and gives the best burst p99 measured (3.4-4.1 ms; defaults 4.7-6.1 ms); no background
 * thread at all (`--single-threaded`) held 5 MB less again but cost 1.5-2 ms of p99, as every GC
 * then pauses the requests (docs/performance.md).
 */
export function bootEndpoint(serverScript: string): BootingEndpoint {
  const child = spawn(process.execPath, [...ENDPOINT_V8_FLAGS, serverScript], {
    detached: true,
    windowsHide: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    serialization: 'json',
    env: childEnvironment(process.env),
    cwd: tmpdir()
  })
  let failure: Error | undefined
  const ended = new Promise<never>((_, reject) => {
    child.once('error', error => reject((failure = error)))
    child.once('exit', code =>
      reject((failure = new Error(`it exited with code ${code ?? 'none'} before listening`)))
    )
  })
  ended.catch(() => {})
  child.unref()
  child.channel?.unref()
  const kill = (): void => {
    try {
      child.kill()
    } catch {
      // already gone
    }
  }
  return {
    kill,
    async start(plan) {
      if (failure) throw failure
      let timer: NodeJS.Timeout | undefined
      try {
        const ready = await Promise.race([
          ended,
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`it did not listen within ${READY_WAIT_MS / 1000} s`)),
              READY_WAIT_MS
            )
          }),
          new Promise<ReadyMessage>(resolve => {
            child.once('message', message => resolve(message as ReadyMessage))
            child.send(plan)
          })
        ])
        if ('error' in ready) throw new Error(ready.error)
        if (child.connected) child.disconnect()
        child.removeAllListeners()
        return {
          pid: child.pid!,
          url: `http://127.0.0.1:${ready.port}${plan.endpoint.path}`,
          token: plan.endpoint.token,
          kill
        }
      } catch (error) {
        kill()
        throw error
      } finally {
        clearTimeout(timer)
      }
    }
  }
}
