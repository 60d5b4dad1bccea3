import { rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import * as core from '@actions/core'
import { ActionError } from '../runtime/action-error.js'
import type { ObtainedCredentials } from '../auth/credentials.js'
import type { Settings } from '../inputs/settings.js'
import { saveStepState } from '../runtime/step-state.js'
import { buildPlan, type RenewalSettings } from './refresh-plan.js'
import { endpointSecrets } from './endpoint.js'
import { refreshFolder } from './status-file.js'
import { CREDENTIAL_VARIABLES } from '../effects/aws-variables.js'
import { bootEndpoint, type BootingEndpoint, type StartedEndpoint } from './start-endpoint.js'

/**
 * dist/refresh/, next to the running bundle: the runner runs `node dist/index.js`, and argv[1] says where
 * that is (import.meta.url would name the source file once bundled).
 */
export function refreshBundle(file: 'index.js' | 'credential-process.js'): string {
  return join(dirname(process.argv[1] ?? '.'), 'refresh', file)
}

/** The profile's credential_process: this node, the reader script, the URL and the token's file. */
export function credentialProcessLine(script: string, url: string, tokenFile: string): string {
  return [process.execPath, script, url, tokenFile].map(part => `"${part}"`).join(' ')
}

/**
 * Environment credentials come first in every SDK's chain: exported empty, they cannot shadow the
 * endpoint. The region variables follow as without refresh (effects/export-credentials.ts).
 */
function exportEndpoint(endpoint: StartedEndpoint): void {
  core.exportVariable('AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.url)
  core.exportVariable('AWS_CONTAINER_AUTHORIZATION_TOKEN', endpoint.token)
  for (const name of CREDENTIAL_VARIABLES) core.exportVariable(name, '')
}

/** What serving reads: the renewal's settings, and where to tell later steps (profile, environment). */
export type ServeSettings = RenewalSettings &
  Pick<Settings, 'awsProfile' | 'overwriteAwsProfile' | 'outputEnvCredentials'>

export interface PreparedRefresh {
  /** Starts serving `obtained` and exports where; called instead of exporting the credentials. */
  serve(settings: ServeSettings, obtained: ObtainedCredentials): Promise<void>
}

/**
 * refresh-credentials: boots the endpoint process at once, so node starts while the step obtains and
 * checks the credentials (start-endpoint.ts); `serve` then hands it the session, once the step has
 * succeeded. If the step fails before that, the process exits with it (its pipe closes).
 */
export function prepareRefresh(): PreparedRefresh {
  const booting = bootEndpoint(refreshBundle('index.js'))
  return { serve: (settings, obtained) => serveRefreshed(settings, obtained, booting) }
}

/**
 * Starts the endpoint that serves and renews the session, and exports where to reach it. If anything
 * after the start fails, the process is killed, so a failed step leaves none.
 */
async function serveRefreshed(
  settings: ServeSettings,
  obtained: ObtainedCredentials,
  booting: BootingEndpoint
): Promise<void> {
  const secrets = endpointSecrets()
  core.setSecret(secrets.token)
  const folder = await refreshFolder()
  const plan = buildPlan(settings, obtained, process.env, secrets, join(folder, 'status.json'), Date.now())
  let endpoint: StartedEndpoint | undefined
  try {
    endpoint = await booting.start(plan).catch((error: unknown) => {
      throw new ActionError(
        `Could not start the refresh-credentials endpoint: ${error instanceof Error ? error.message : String(error)}. Re-run the job; if it persists, remove refresh-credentials.`,
        { cause: error }
      )
    })
    if (settings.awsProfile !== undefined) {
      const tokenFile = join(folder, 'token')
      await writeFile(tokenFile, endpoint.token, { mode: 0o600 })
      const { writeProfile } = await import('../effects/write-profile.js')
      const script = refreshBundle('credential-process.js')
      await writeProfile(settings, {
        credentialProcess: credentialProcessLine(script, endpoint.url, tokenFile)
      })
    }
    if (settings.outputEnvCredentials) exportEndpoint(endpoint)
    // Saved last: a step that fails leaves nothing running and nothing for the post step to report.
    saveStepState('refreshEndpoint', { pid: endpoint.pid, folder })
  } catch (error) {
    endpoint?.kill()
    await rm(folder, { recursive: true, force: true })
    throw error
  }
  core.info(
    `Serving the session from ${endpoint.url.replace(secrets.path, '/…')} (process ${endpoint.pid}); it is renewed before it expires until the post step stops it.`
  )
}
