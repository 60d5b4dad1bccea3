/**
 * Escaping for the job summary, which GitHub renders as HTML: `<root_account>` and the `<id …>` hints must
 * show as text. Issue bodies, which keep code spans literal, have their own (`audit-issue-body.ts`).
 */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * Text for a cell or paragraph of the job summary: escaped, on one line. `core.summary` writes its tables,
 * lists and details as HTML blocks, where markdown does not apply: a pipe needs no escape there (a
 * backslash would show), but a blank line would end the block.
 */
export function summaryCell(text: string): string {
  return html(text).replace(/\r?\n/g, ' ')
}
