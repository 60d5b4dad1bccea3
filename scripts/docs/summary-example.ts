// The README's job-summary example, produced by a real run: the bundle (dist/) against the local AWS
// endpoint with the 80-day-old key of the default seed, exactly the third scenario of `npm run demo`.
import { loadSeed, seedKey, startFakeAws } from '../../test/fake-aws/index.js'
import { runMain } from '../../test/runner/index.js'

/** The seed user whose key is past warn-key-age-days: the summary then shows every part it has. */
export const EXAMPLE_USER = 'aging'

/** The markdown the action writes to GITHUB_STEP_SUMMARY in the example run. */
export async function runSummaryExample(): Promise<string> {
  const seed = loadSeed('default')
  const fake = await startFakeAws(seed)
  try {
    const key = seedKey(seed, EXAMPLE_USER)
    const result = await runMain({
      inputs: { 'aws-region': 'eu-west-1', 'aws-access-key-id': key.id, 'aws-secret-access-key': key.secret },
      env: fake.env()
    })
    if (result.exitCode !== 0 || result.summary.trim() === '') {
      throw new Error(`the example run failed (exit ${result.exitCode}): ${result.errors.join(' ')}`)
    }
    return result.summary
  } finally {
    await fake.close()
  }
}

/**
 * The summary framed as GitHub shows it (a bordered box), for the README. The summary is HTML, which
 * GitHub renders in a README the same way as on the run page.
 */
export function framedSummary(summary: string): string {
  return ['<table><tr><td>', '', summary.trim(), '', '</td></tr></table>'].join('\n')
}

/**
 * What may differ between two honest runs: timings, and the key's creation date (the seed's dates are
 * relative to today). The drift test compares summaries with these blanked out.
 */
export function comparableSummary(summary: string): string {
  return summary
    .replace(/\d+ ms/g, 'N ms')
    .replace(/\d{4}-\d{2}-\d{2}/g, 'YYYY-MM-DD')
    .trim()
}
