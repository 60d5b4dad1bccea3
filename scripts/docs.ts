// `npm run docs`: rewrites README.md's input and output tables from action.yml (between the
// `<!-- inputs:start -->`/`<!-- inputs:end -->` and `<!-- outputs:start -->`/`<!-- outputs:end -->` markers).
// `npm run docs -- --summary` also re-runs the bundle against the local endpoint and pastes the job summary
// it writes as the README's example; opt-in because timings and dates change the text on every run.
// `npm run docs -- --messages` lists every failure and warning message found in src/, with the text a
// troubleshooting entry must quote and whether README.md or docs/*.md has it (changes nothing).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../test/runner/index.js'
import { formatMarkdown, renderReadme, replaceSection } from './docs/readme-tables.js'
import { framedSummary, runSummaryExample } from './docs/summary-example.js'
import { failureMessages, sourceFiles, undocumented } from './docs/failure-messages.js'
import { readdirSync } from 'node:fs'

const readmePath = join(REPO_ROOT, 'README.md')
if (process.argv.includes('--messages')) {
  const docsDir = join(REPO_ROOT, 'docs')
  const pages = readdirSync(docsDir).filter(name => name.endsWith('.md'))
  const documents = [readmePath, ...pages.map(name => join(docsDir, name))].map(path =>
    readFileSync(path, 'utf8')
  )
  const messages = failureMessages(sourceFiles(join(REPO_ROOT, 'src')), REPO_ROOT)
  const missing = new Set(undocumented(messages, documents))
  for (const m of messages) console.log(`${missing.has(m) ? 'MISSING' : 'ok     '} ${m.where}  "${m.key}"`)
  console.log(`${messages.length} messages, ${missing.size} without a troubleshooting entry.`)
  process.exit(missing.size === 0 ? 0 : 1)
}
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
