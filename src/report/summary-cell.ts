/**
 * Escaping for the job summary, which GitHub renders as HTML: `<root_account>` and the `<id …>` hints must
 * show as text. Issue bodies, which keep code spans literal, have their own (`audit-issue-body.ts`).
 */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Text for a cell of a job-summary table: escaped, with no pipes and no line breaks. */
export function summaryCell(text: string): string {
  return html(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
