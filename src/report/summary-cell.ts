/**
 * Escapes text for a cell of a job-summary table (no pipes, no line breaks, no HTML). Issue bodies, which
 * keep code spans literal, have their own (`audit-issue-body.ts`).
 */
export function summaryCell(text: string): string {
  return text
    .replace(/[<>&]/g, c => `&#${c.charCodeAt(0)};`)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
}
