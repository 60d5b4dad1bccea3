import * as core from '@actions/core'
import type { getOctokit } from '@actions/github'
import type { Settings } from '../inputs/settings.js'
import type { AuditReport } from '../audit/audit-report.js'
import { accountIssueSubject } from '../report/audit-issue-body.js'
import type { IssueSubject } from '../report/issue-subject.js'

type Octokit = ReturnType<typeof getOctokit>

/** Narrows the search to our issues; the hidden marker in the body tells the accounts apart. */
export const AUDIT_LABEL = 'aws-key-audit'

export interface Repository {
  readonly owner: string
  readonly repo: string
}

export interface IssueChange {
  readonly action: 'created' | 'updated' | 'reopened' | 'closed' | 'none'
  readonly number?: number
  readonly url?: string
}

/**
 * Keeps one issue per account in step with the latest audit: creates it on the first findings, updates
 * it while there are findings, reopens it (with a comment, so watchers hear) when findings come back,
 * and closes it with a comment when an audit is clean. The issue is found by its label and the hidden
 * marker naming the account; a clean audit with no open issue changes nothing.
 */
export async function upsertAuditIssue(
  octokit: Octokit,
  repository: Repository,
  report: AuditReport | IssueSubject,
  runUrl?: string
): Promise<IssueChange> {
  const subject = 'marker' in report ? report : accountIssueSubject(report, runUrl)
  const marker = subject.marker
  const listed = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...repository,
    labels: AUDIT_LABEL,
    state: 'all',
    per_page: 100
  })
  const ours = listed.filter(issue => !issue.pull_request && (issue.body ?? '').includes(marker))
  const existing = ours.find(issue => issue.state === 'open') ?? ours[0]
  const run = runUrl ? ` ([run](${runUrl}))` : ''

  if (subject.findings === 0) {
    if (existing?.state !== 'open') return { action: 'none' }
    await octokit.rest.issues.createComment({
      ...repository,
      issue_number: existing.number,
      body: `The audit of ${subject.generatedAt.slice(0, 10)}${run} found no access key findings in ${subject.scope}. Closing.`
    })
    await octokit.rest.issues.update({
      ...repository,
      issue_number: existing.number,
      state: 'closed',
      state_reason: 'completed'
    })
    return { action: 'closed', number: existing.number, url: existing.html_url }
  }

  const content = { title: subject.title, body: subject.body }
  if (existing === undefined) {
    const created = await octokit.rest.issues.create({ ...repository, ...content, labels: [AUDIT_LABEL] })
    // Without the label the next audit would not find this issue and would open another one.
    const labelled = created.data.labels.some(l => (typeof l === 'string' ? l : l.name) === AUDIT_LABEL)
    if (!labelled) {
      core.warning(
        `Issue #${created.data.number} was created without the '${AUDIT_LABEL}' label (GitHub drops labels the token may not set), so the next audit cannot find it. Add the label by hand, and give the job \`permissions: issues: write\`.`
      )
    }
    return { action: 'created', number: created.data.number, url: created.data.html_url }
  }
  const reopen = existing.state !== 'open'
  await octokit.rest.issues.update({
    ...repository,
    issue_number: existing.number,
    ...content,
    ...(reopen ? { state: 'open' as const } : {})
  })
  if (reopen) {
    await octokit.rest.issues.createComment({
      ...repository,
      issue_number: existing.number,
      body: `Findings are back: the audit of ${subject.generatedAt.slice(0, 10)}${run} found ${subject.findings}. Reopening.`
    })
  }
  return { action: reopen ? 'reopened' : 'updated', number: existing.number, url: existing.html_url }
}

/** What a GitHub API failure means for the person reading the log. */
export function describeIssueError(error: unknown): string {
  const status = (error as { status?: number } | null)?.status
  const message = error instanceof Error ? error.message : String(error)
  switch (status) {
    case 401:
      return `GitHub rejected github-token (HTTP 401: ${message}); pass a valid token`
    case 403:
      return `GitHub refused (HTTP 403: ${message}); give the job \`permissions: issues: write\`, or a github-token that may write issues`
    case 404:
      return `the repository was not found with this token (HTTP 404); check GITHUB_REPOSITORY and the token's access`
    case 410:
      return `issues are disabled in this repository (HTTP 410); enable them, or set open-issue: false`
    default:
      return message
  }
}

/**
 * Syncs the issue in the workflow's repository with `subject` (given the run's URL, for links) and
 * resolves to a warning when that failed. A failed issue update never fails the audit, whose result is
 * already in the report and the summary.
 */
export async function syncIssue(
  githubToken: string | undefined,
  subject: (runUrl: string | undefined) => IssueSubject
): Promise<string | undefined> {
  try {
    const github = await import('@actions/github')
    const { context } = github
    const repository = context.repo
    const runUrl = context.runId
      ? `${context.serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${context.runId}`
      : undefined
    const change = await upsertAuditIssue(
      github.getOctokit(githubToken ?? ''),
      repository,
      subject(runUrl),
      runUrl
    )
    if (change.action === 'none')
      core.info('No audit issue to update: the audit is clean and no issue is open.')
    else core.info(`Audit issue #${change.number} ${change.action}: ${change.url}`)
    return undefined
  } catch (error) {
    return `Could not update the audit's GitHub issue: ${describeIssueError(error)}. The audit itself completed; its findings are in the report and the job summary.`
  }
}

/** The effect main's account audit stage calls: the account's issue. */
export function syncAuditIssue(
  settings: Pick<Settings, 'githubToken'>,
  report: AuditReport
): Promise<string | undefined> {
  return syncIssue(settings.githubToken, runUrl => accountIssueSubject(report, runUrl))
}
