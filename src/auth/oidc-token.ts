import { readFile } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import * as core from '@actions/core'
import { ActionError } from '../runtime/action-error.js'
import { requestIdToken } from './oidc-request.js'

type Env = Readonly<Record<string, string | undefined>>

export const MISSING_PERMISSION =
  'role-to-assume needs a GitHub OIDC token, but this job cannot request one: ACTIONS_ID_TOKEN_REQUEST_URL and ' +
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set. Add `permissions: id-token: write` to the job (or the workflow); ' +
  'a permissions block replaces the defaults, so also list what else the job needs, e.g. `contents: read`. ' +
  'Pull requests from forks never get an OIDC token: skip the AWS step for them, or use web-identity-token-file or ' +
  'aws-access-key-id/aws-secret-access-key instead.'

/** Folds a multi-line library message into one line for the `::error::` command. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * Requests a GitHub Actions OIDC token for `audience`, masked before it is returned. The runner offers
 * the request only to jobs with `permissions: id-token: write`; without them the variables are absent,
 * and that is the one fix the user needs to hear.
 */
export async function fetchGitHubToken(
  audience: string,
  env: Env = process.env,
  maxAttempts = 3
): Promise<string> {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new ActionError(MISSING_PERMISSION)
  }
  try {
    // Not core.getIDToken: it has no timeout (a silent endpoint hangs the step) and bypasses the proxy
    // for some hosts; this request follows the same proxy rules and time limits as every AWS call.
    const token = await requestIdToken(
      env.ACTIONS_ID_TOKEN_REQUEST_URL,
      env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
      audience,
      maxAttempts
    )
    core.setSecret(token)
    return token
  } catch (error) {
    throw new ActionError(
      `Could not get a GitHub OIDC token for audience '${audience}': ${oneLine(error instanceof Error ? error.message : String(error))}. Re-run the job; if it persists, check githubstatus.com.`,
      { cause: error }
    )
  }
}

/**
 * Reads a web identity token from a file (another tool's token, e.g. from a different OIDC issuer) and
 * masks it before returning. A relative path is taken from the workspace, where the workflow's steps
 * run, not from the action's own directory.
 */
export async function readTokenFile(path: string, env: Env = process.env): Promise<string> {
  const fullPath = isAbsolute(path) ? path : resolve(env.GITHUB_WORKSPACE ?? process.cwd(), path)
  let token: string
  try {
    token = (await readFile(fullPath, 'utf8')).trim()
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error'
    throw new ActionError(
      `Could not read web-identity-token-file ${fullPath} (${code}). Check the path, and that an earlier step wrote the token there.`,
      { cause: error }
    )
  }
  if (token === '') {
    throw new ActionError(
      `web-identity-token-file ${fullPath} is empty. Check the step that writes the token.`
    )
  }
  core.setSecret(token)
  return token
}
