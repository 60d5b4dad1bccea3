// Peak RSS of one measured child process, recorded by the record-rss.mjs exit hook (node --import),
// which adds the same negligible cost to every process the benches compare.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from '../../test/runner/index.js'

/** Runs `run` with the environment that makes the child record its peak RSS, and returns both. */
export async function withPeakRss<T>(
  run: (env: Record<string, string>) => Promise<T>
): Promise<{ result: T; rssBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'))
  const file = join(dir, 'rss')
  try {
    const result = await run({
      NODE_OPTIONS: `--import=${join(REPO_ROOT, 'scripts', 'bench', 'record-rss.mjs')}`,
      BENCH_RSS_FILE: file
    })
    return { result, rssBytes: Number(readFileSync(file, 'utf8')) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
