// Preloaded into each measured process (node --import): on exit, writes its peak RSS (bytes) to the
// file named by BENCH_RSS_FILE. Adds the same negligible cost to the action and the baseline.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE)
    writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024))
})
