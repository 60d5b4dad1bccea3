// Fails when the committed dist/ differs from a fresh `npm run bundle` (run by CI and .ci/run).
import { execFileSync } from 'node:child_process'

execFileSync('node', ['scripts/bundle.mjs'], { stdio: 'inherit' })
const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' }).trim()
if (changed) {
  console.error(
    `dist/ is stale: these files differ from a fresh bundle:\n${changed}\nRun \`npm run bundle\` and commit dist/.`
  )
  process.exit(1)
}
console.log('dist/ matches a fresh bundle.')
