// A local stand-in for the part of the GitHub REST API the audit's open-issue uses: list issues
// (labels/state filters, page/per_page with a Link header), create, update, comment. Shapes follow
// GitHub's (number, state, state_reason, labels as objects, html_url). Test code only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  state_reason: string | null
  labels: { name: string }[]
  comments: string[]
  html_url: string
}

export interface GithubRequestLog {
  method: string
  path: string
  authorization: string | undefined
}

export interface FakeGithub {
  /** For GITHUB_API_URL. */
  readonly url: string
  readonly issues: FakeIssue[]
  readonly requests: GithubRequestLog[]
  /** The next write (POST/PATCH) answers with this status and a GitHub error body. */
  failNextWrite(status: number): void
  close(): Promise<void>
}

const ROUTE = /^\/repos\/([^/]+)\/([^/]+)\/issues(?:\/(\d+)(\/comments)?)?$/

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? (JSON.parse(text) as Record<string, unknown>) : {}
}

/** Starts the server on a free loopback port. Only `token <expectedToken>` is accepted. */
export async function startFakeGithub(repository: string, expectedToken: string): Promise<FakeGithub> {
  const issues: FakeIssue[] = []
  const requests: GithubRequestLog[] = []
  let failWrite: number | undefined
  let url = ''

  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    response.end(JSON.stringify(body))
  }

  const server = createServer((request, response) => {
    void (async () => {
      const parsed = new URL(request.url ?? '/', url)
      requests.push({
        method: request.method ?? '',
        path: parsed.pathname,
        authorization: request.headers.authorization
      })
      if (request.headers.authorization !== `token ${expectedToken}`) {
        return send(response, 401, { message: 'Bad credentials' })
      }
      const match = ROUTE.exec(parsed.pathname)
      if (!match || `${match[1]}/${match[2]}` !== repository)
        return send(response, 404, { message: 'Not Found' })
      const [, , , numberText, comments] = match
      if (request.method !== 'GET' && failWrite !== undefined) {
        const status = failWrite
        failWrite = undefined
        return send(response, status, { message: 'Resource not accessible by integration' })
      }

      if (request.method === 'GET' && !numberText) {
        const label = parsed.searchParams.get('labels')
        const state = parsed.searchParams.get('state') ?? 'open'
        const perPage = Number(parsed.searchParams.get('per_page') ?? 30)
        const page = Number(parsed.searchParams.get('page') ?? 1)
        const matching = issues
          .filter(i => state === 'all' || i.state === state)
          .filter(i => !label || i.labels.some(l => l.name === label))
          .sort((a, b) => b.number - a.number)
        const slice = matching.slice((page - 1) * perPage, page * perPage)
        const next = page * perPage < matching.length
        const link = new URL(parsed.pathname, url)
        parsed.searchParams.forEach((v, k) => link.searchParams.set(k, v))
        link.searchParams.set('page', String(page + 1))
        return send(response, 200, slice, next ? { link: `<${link.href}>; rel="next"` } : {})
      }
      const body = await readJson(request)
      if (request.method === 'POST' && !numberText) {
        const issue: FakeIssue = {
          number: issues.length + 1,
          title: String(body.title),
          body: String(body.body ?? ''),
          state: 'open',
          state_reason: null,
          labels: ((body.labels as string[] | undefined) ?? []).map(name => ({ name })),
          comments: [],
          html_url: `https://github.com/${repository}/issues/${issues.length + 1}`
        }
        issues.push(issue)
        return send(response, 201, issue)
      }
      const issue = issues.find(i => i.number === Number(numberText))
      if (!issue) return send(response, 404, { message: 'Not Found' })
      if (request.method === 'POST' && comments) {
        issue.comments.push(String(body.body))
        return send(response, 201, { body: body.body })
      }
      if (request.method === 'PATCH') {
        if (typeof body.title === 'string') issue.title = body.title
        if (typeof body.body === 'string') issue.body = body.body
        if (body.state === 'open' || body.state === 'closed') issue.state = body.state
        if (body.state_reason !== undefined) issue.state_reason = body.state_reason as string | null
        return send(response, 200, issue)
      }
      return send(response, 405, { message: 'Method Not Allowed' })
    })().catch(error => send(response, 500, { message: String(error) }))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    issues,
    requests,
    failNextWrite: status => {
      failWrite = status
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}
