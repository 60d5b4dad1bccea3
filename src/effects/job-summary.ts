import * as core from '@actions/core'

/**
 * Appends a rendered part of the job summary (report/ renders it) to the runner's summary file. Outside
 * a runner (local runs, the demo without a summary file) there is nowhere to write: nothing is rendered.
 */
export async function writeJobSummary(render: () => string | Promise<string>): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(await render()).write()
}
