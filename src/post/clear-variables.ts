import * as core from '@actions/core'
import { readStepState } from '../runtime/step-state.js'
import { CLEARABLE_VARIABLES } from '../effects/aws-variables.js'
import type { Cleanup } from './cleanups.js'

/**
 * Sets the variables the main step exported to empty for the rest of the job, as configure-aws-
 * credentials' post step does (the toolkit cannot unset a variable; AWS tools treat empty as unset).
 * `AWS_SKIP_CLEANUP_STEP=true` in the job keeps them, as there.
 */
export const clearVariables: Cleanup = {
  failure: 'Could not clear the exported AWS variables',
  async run() {
    const names = (readStepState('exportedVariables') ?? []).filter(name => CLEARABLE_VARIABLES.has(name))
    if (names.length === 0) return
    if (process.env.AWS_SKIP_CLEANUP_STEP === 'true') {
      core.info(`AWS_SKIP_CLEANUP_STEP is true: not clearing ${names.join(', ')}.`)
      return
    }
    for (const name of names) core.exportVariable(name, '')
    core.info(`Cleared ${names.join(', ')} for the rest of the job (AWS_SKIP_CLEANUP_STEP=true keeps them).`)
  }
}
