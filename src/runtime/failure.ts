import * as core from '@actions/core'
import { ActionError } from './action-error.js'
import { InputError } from '../inputs/settings.js'

/**
 * Ends the step with one `::error::` line a user can act on. Errors we wrote are shown as they are;
 * anything else gets its class name as context. The stack only goes to the debug log.
 */
export function failStep(error: unknown): void {
  if (error instanceof Error && error.stack) core.debug(error.stack)
  if (error instanceof ActionError || error instanceof InputError) {
    core.setFailed(error.message)
  } else if (error instanceof Error) {
    core.setFailed(`Unexpected ${error.name}: ${error.message}`)
  } else {
    core.setFailed(`Unexpected failure: ${String(error)}`)
  }
}
