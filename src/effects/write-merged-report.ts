import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { OrganizationReport } from '../audit/organization/organization-report.js'

/** Findings per write: large enough to keep the stream busy, small enough to stay a few hundred KB. */
const BATCH = 500

/**
 * Writes the merged report to report-path (relative to the workspace), one account and one finding per
 * line, and returns the absolute path. Streamed: a 100,000-finding report is ~70 MB of JSON, which
 * JSON.stringify would first build as one string next to the report it serializes.
 */
export async function writeMergedReport(reportPath: string, report: OrganizationReport): Promise<string> {
  const path = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), reportPath)
  await mkdir(dirname(path), { recursive: true })
  const out = createWriteStream(path, 'utf8')
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain')
  }
  const { accounts, findings, ...head } = report
  const opening = JSON.stringify(head, null, 2).replace(/\n}$/, '')
  await write(`${opening},\n  "accounts": [`)
  await write(accounts.map(a => `\n    ${JSON.stringify(a)}`).join(','))
  await write('\n  ],\n  "findings": [')
  for (let i = 0; i < findings.length; i += BATCH) {
    const lines = findings.slice(i, i + BATCH).map(f => `\n    ${JSON.stringify(f)}`)
    await write(`${i > 0 ? ',' : ''}${lines.join(',')}`)
  }
  out.end('\n  ]\n}\n')
  await once(out, 'finish')
  return path
}
