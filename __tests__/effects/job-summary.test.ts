import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { writeJobSummary } from '../../src/effects/job-summary.js'

const dir = mkdtempSync(join(tmpdir(), 'job-summary-'))
const file = join(dir, 'summary.md')

describe('job-summary', () => {
  beforeEach(() => {
    process.env.GITHUB_STEP_SUMMARY = file
    writeFileSync(file, 'before\n')
    core.summary.emptyBuffer()
  })
  afterAll(() => {
    delete process.env.GITHUB_STEP_SUMMARY
    rmSync(dir, { recursive: true, force: true })
  })

  it('appends the rendered HTML to the summary file, byte for byte', async () => {
    await writeJobSummary(() => '<h2>one</h2>\n')
    await writeJobSummary(async () => '<p>two</p>')
    expect(readFileSync(file, 'utf8')).toBe('before\n<h2>one</h2>\n<p>two</p>')
  })

  it('neither renders nor writes outside a runner', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    let rendered = false
    await writeJobSummary(() => {
      rendered = true
      return '<p>never</p>'
    })
    expect(rendered).toBe(false)
    expect(readFileSync(file, 'utf8')).toBe('before\n')
  })
})
