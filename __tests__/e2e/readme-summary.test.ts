// The README's job-summary example is what the bundle writes today, not a picture of an older version.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../../test/runner/index.js'
import { formatMarkdown, replaceSection, sectionOf } from '../../scripts/docs/readme-tables.js'
import { comparableSummary, framedSummary, runSummaryExample } from '../../scripts/docs/summary-example.js'

const README_PATH = join(REPO_ROOT, 'README.md')

describe('README job summary example', () => {
  it('matches a fresh run but for timings and dates (refresh: npm run bundle && npm run docs -- --summary)', async () => {
    const readme = readFileSync(README_PATH, 'utf8')
    const fresh = await formatMarkdown(
      replaceSection(readme, 'summary-example', framedSummary(await runSummaryExample())),
      README_PATH
    )
    expect(comparableSummary(sectionOf(readme, 'summary-example'))).toBe(
      comparableSummary(sectionOf(fresh, 'summary-example'))
    )
  })

  it('blanks out only what differs between honest runs', () => {
    expect(comparableSummary('<td>215 ms</td> created 2026-09-04. 80 days old')).toBe(
      '<td>N ms</td> created YYYY-MM-DD. 80 days old'
    )
  })
})
