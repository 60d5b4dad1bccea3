// One account audit (audit-scope: account, checks: identity, a JSON report) through a bundle of the
// action against a local fake endpoint, with its peak RSS: the run every audit benchmark measures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FakeAws } from '../../test/fake-aws/index.js'
import { runMain } from '../../test/runner/index.js'
import { withPeakRss } from './peak-rss.js'

export interface AuditRun {
  wallMs: number
  rssBytes: number
  report: { source: string; totals: { findings: number; users: number } }
}

/** Audits with `key` (an access key the fake knows); `entry` defaults to dist/index.js. */
export async function runAccountAudit(
  fake: FakeAws,
  key: { id: string; secret: string },
  entry?: string
): Promise<AuditRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'))
  try {
    const { result, rssBytes } = await withPeakRss(hook =>
      runMain({
        ...(entry === undefined ? {} : { entry }),
        inputs: {
          'aws-region': 'us-east-1',
          'aws-access-key-id': key.id,
          'aws-secret-access-key': key.secret,
          'audit-scope': 'account',
          checks: 'identity',
          'fail-on-findings': 'false',
          'report-path': join(dir, 'key-audit.json')
        },
        env: { ...fake.env(), ...hook },
        timeoutMs: 600_000
      })
    )
    if (result.exitCode !== 0) throw new Error(`the audit failed:\n${result.stdout}\n${result.stderr}`)
    const report = JSON.parse(readFileSync(join(dir, 'key-audit.json'), 'utf8')) as AuditRun['report']
    return { wallMs: result.durationMs, rssBytes, report }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
