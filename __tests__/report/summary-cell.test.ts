import { describe, expect, it } from '@jest/globals'
import { html, summaryCell } from '../../src/report/summary-cell.js'

describe('summary-cell.ts', () => {
  it('shows HTML-looking text as text', () => {
    expect(html('<root_account> & "quoted"')).toBe('&lt;root_account&gt; &amp; &quot;quoted&quot;')
  })

  it('escapes &amp; before the entities it writes, so they are not escaped twice', () => {
    expect(html('a<b')).toBe('a&lt;b')
    expect(html('&lt;')).toBe('&amp;lt;')
  })

  it("keeps a cell on one line, and a pipe as it is (the job summary's tables are HTML)", () => {
    expect(summaryCell('a | b\r\nc\nd <e>')).toBe('a | b c d &lt;e&gt;')
  })
})
