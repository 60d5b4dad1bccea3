// `npm run docs`: rewrites README.md's input and output tables from action.yml (between the
// `<!-- inputs:start -->`/`<!-- inputs:end -->` and `<!-- outputs:start -->`/`<!-- outputs:end -->` markers).
// `npm run docs -- --summary` also re-runs the bundle against the local endpoint and pastes the job summary
// it writes as the README's example; opt-in because timings and dates change the text on every run.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../test/runner/index.js'
import { formatMarkdown, renderReadme, replaceSection } from './docs/readme-tables.js'
import { framedSummary, runSummaryExample } from './docs/summary-example.js'

const readmePath = join(REPO_ROOT, 'README.md')
const before = readFileSync(readmePath, 'utf8')
let after = await renderReadme(before, readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'), readmePath)
if (process.argv.includes('--summary')) {
  const summary = await runSummaryExample()
  after = await formatMarkdown(replaceSection(after, 'summary-example', framedSummary(summary)), readmePath)
}
if (after === before) {
  console.log('README.md is up to date.')
} else {
  writeFileSync(readmePath, after)
  console.log('README.md rewritten from action.yml. Review and commit it.')
}
