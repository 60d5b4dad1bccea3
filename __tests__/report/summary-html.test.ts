import { beforeEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { SummaryHtml } from '../../src/report/summary-html.js'

// The renderers build with SummaryHtml what they once built with core.summary: the bytes must not change.
describe('summary-html', () => {
  beforeEach(() => {
    core.summary.emptyBuffer()
  })

  it("builds exactly the HTML of @actions/core's summary builder", () => {
    const ours = new SummaryHtml()
    for (const summary of [core.summary, ours]) {
      summary
        .addHeading('✅ AWS credentials verified', 2)
        .addHeading('Checks', 3)
        .addTable([
          [
            { data: 'Check', header: true },
            { data: 'Detail', header: true }
          ],
          ['identity', '&lt;root_account&gt;'],
          ['empty', '']
        ])
        .addRaw('<p>raw</p>', true)
        .addRaw('<p>no line end</p>')
        .addList(['one', 'two'])
        .addList([])
        .addDetails('Regions enabled (2)', 'eu-west-1, us-east-1')
        .addCodeBlock('{\n  "a": 1\n}', 'json')
        .addCodeBlock(' 0-30 days │ █ 1')
    }
    expect(ours.toString()).toBe(core.summary.stringify())
  })

  it('starts empty', () => {
    expect(new SummaryHtml().toString()).toBe('')
  })
})
