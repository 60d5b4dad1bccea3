// A local stand-in for GitHub's Actions secrets REST API: repository, environment and organization
// scopes, each with a real X25519 key pair. PUT opens the libsodium sealed box and stores the plaintext
// (tests assert on the decrypted value); GET returns metadata (created_at, updated_at, visibility).
// Tokens have a permission level; faults and latency are injectable. Test code only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import sodium from 'libsodium-wrappers'

/** What a token may do with secrets: `none` is the job's GITHUB_TOKEN, which cannot even read them. */
export type SecretsPermission = 'none' | 'read' | 'write'

export interface StoredSecret {
  value: string
  createdAt: Date
  updatedAt: Date
  visibility?: 'all' | 'private' | 'selected'
  /** With visibility `selected`: the repositories (by id) that may use the secret. */
  selectedRepositoryIds?: number[]
}

export interface SecretsRequestLog {
  method: string
  path: string
  status: number
}

export interface SecretsFault {
  /** `PUT`, `GET` or `*`. */
  method: string
  /** Matched against the request path, e.g. /AWS_SECRET_ACCESS_KEY$/ or /octo-org\/other/. */
  path?: RegExp
  status: number
  times?: number
  /** Let this many matching requests through first (e.g. the write-access check before the rotation). */
  skip?: number
}

export interface FakeGithubSecretsOptions {
  /** Token → what it may do. */
  tokens: Record<string, SecretsPermission>
  /** Repositories (owner/name) that exist; their owners are the organizations. */
  repositories: string[]
  /** Environments that exist, as owner/name:environment. */
  environments?: string[]
  latencyMs?: number
}

export interface FakeGithubSecrets {
  /** For GITHUB_API_URL. */
  readonly url: string
  readonly requests: SecretsRequestLog[]
  latencyMs: number
  /** Scope keys: `repo:owner/name`, `env:owner/name:environment`, `org:owner`. */
  secret(scope: string, name: string): StoredSecret | undefined
  /** Seeds a secret as if a person had stored it. */
  setSecret(scope: string, name: string, value: string, visibility?: StoredSecret['visibility']): void
  /** The key id a scope's public key currently has. */
  publicKeyId(scope: string): string
  fail(fault: SecretsFault): void
  reset(): void
  close(): Promise<void>
}

const ROUTES: { pattern: RegExp; scope: (m: RegExpExecArray) => string }[] = [
  {
    pattern: /^\/repos\/([^/]+\/[^/]+)\/environments\/([^/]+)\/secrets\/([^/]+)$/,
    scope: m => `env:${m[1]}:${decodeURIComponent(m[2]!)}`
  },
  { pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/secrets\/([^/]+)$/, scope: m => `repo:${m[1]}` },
  { pattern: /^\/orgs\/([^/]+)\/actions\/secrets\/([^/]+)$/, scope: m => `org:${m[1]}` },
  { pattern: /^\/orgs\/([^/]+)\/actions\/secrets\/([^/]+)\/(repositories)$/, scope: m => `org:${m[1]}` }
]

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? (JSON.parse(text) as Record<string, unknown>) : {}
}

/** GitHub's timestamps have whole seconds. */
const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

export async function startFakeGithubSecrets(options: FakeGithubSecretsOptions): Promise<FakeGithubSecrets> {
  await sodium.ready
  const scopes = new Set([
    ...options.repositories.map(r => `repo:${r}`),
    ...options.repositories.map(r => `org:${r.split('/')[0]}`),
    ...(options.environments ?? []).map(e => `env:${e}`)
  ])
  const keys = new Map<string, { id: string; publicKey: Uint8Array; privateKey: Uint8Array }>()
  let keySerial = 0
  for (const scope of scopes) {
    const pair = sodium.crypto_box_keypair()
    keys.set(scope, { id: `56825016724254${9700 + ++keySerial}`, ...pair })
  }
  let secrets = new Map<string, StoredSecret>()
  let faults: (SecretsFault & { remaining: number })[] = []
  const requests: SecretsRequestLog[] = []
  let latencyMs = options.latencyMs ?? 0
  let url = ''

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET'
    const path = new URL(request.url ?? '/', url).pathname
    const entry: SecretsRequestLog = { method, path, status: 0 }
    requests.push(entry)
    const send = (status: number, body?: unknown): void => {
      entry.status = status
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      response.end(body === undefined ? '' : JSON.stringify(body))
    }
    if (latencyMs > 0) await sleep(latencyMs)
    const token = /^(?:token|bearer) (.+)$/i.exec(request.headers.authorization ?? '')?.[1]
    const permission = token === undefined ? undefined : options.tokens[token]
    if (permission === undefined) return send(401, { message: 'Bad credentials' })
    const fault = faults.find(f => (f.method === '*' || f.method === method) && (f.path?.test(path) ?? true))
    if (fault && (fault.skip ?? 0) > 0) fault.skip = fault.skip! - 1
    else if (fault) {
      fault.remaining--
      faults = faults.filter(f => f.remaining > 0)
      return send(fault.status, { message: `injected fault (HTTP ${fault.status})` })
    }
    let match: RegExpExecArray | null = null
    const route = ROUTES.find(r => (match = r.pattern.exec(path)) !== null)
    if (!route || !match) return send(404, { message: 'Not Found' })
    const scope = route.scope(match)
    const name = decodeURIComponent((match as RegExpExecArray).at(-1)!)
    if (!scopes.has(scope)) return send(404, { message: 'Not Found' })
    if (permission === 'none') return send(403, { message: 'Resource not accessible by integration' })
    const key = keys.get(scope)!
    if (name === 'public-key' && method === 'GET') {
      return send(200, {
        key_id: key.id,
        key: sodium.to_base64(key.publicKey, sodium.base64_variants.ORIGINAL)
      })
    }
    const isRepositories = path.endsWith('/repositories')
    const secretName = isRepositories ? decodeURIComponent(path.split('/').at(-2)!) : name
    const stored = secrets.get(`${scope}/${secretName}`)
    if (isRepositories) {
      if (!stored || method !== 'GET') return send(404, { message: 'Not Found' })
      const ids = stored.selectedRepositoryIds ?? []
      return send(200, {
        total_count: ids.length,
        repositories: ids.map(id => ({ id, full_name: `repo-${id}` }))
      })
    }
    if (method === 'GET') {
      if (!stored) return send(404, { message: 'Not Found' })
      return send(200, {
        name,
        created_at: iso(stored.createdAt),
        updated_at: iso(stored.updatedAt),
        ...(stored.visibility ? { visibility: stored.visibility } : {})
      })
    }
    if (method !== 'PUT') return send(405, { message: 'Method Not Allowed' })
    if (permission !== 'write')
      return send(403, { message: 'Resource not accessible by personal access token' })
    const body = await readJson(request)
    if (body.key_id !== key.id)
      return send(422, { message: 'Invalid request. key_id does not match the current public key.' })
    const visibility = body.visibility as StoredSecret['visibility'] | undefined
    if (scope.startsWith('org:') && !['all', 'private', 'selected'].includes(String(visibility))) {
      return send(422, { message: 'Invalid request. "visibility" is required.' })
    }
    let value: string
    try {
      const sealed = sodium.from_base64(String(body.encrypted_value), sodium.base64_variants.ORIGINAL)
      value = sodium.to_string(sodium.crypto_box_seal_open(sealed, key.publicKey, key.privateKey))
    } catch {
      return send(422, { message: 'Invalid request. encrypted_value could not be decrypted.' })
    }
    const now = new Date()
    const selected = body.selected_repository_ids as number[] | undefined
    secrets.set(`${scope}/${name}`, {
      value,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
      ...(visibility ? { visibility } : {}),
      // Assume the worst of GitHub: a write without the list leaves the secret with no repositories.
      ...(visibility === 'selected' ? { selectedRepositoryIds: selected ?? [] } : {})
    })
    return send(stored ? 204 : 201, stored ? undefined : {})
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(error => {
      response.writeHead(500).end(JSON.stringify({ message: String(error) }))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    requests,
    get latencyMs() {
      return latencyMs
    },
    set latencyMs(value: number) {
      latencyMs = value
    },
    secret: (scope, name) => secrets.get(`${scope}/${name}`),
    setSecret(scope, name, value, visibility) {
      const at = new Date(Date.now() - 86_400_000)
      const selectedRepositoryIds = visibility === 'selected' ? [1296269, 42] : undefined
      secrets.set(`${scope}/${name}`, {
        value,
        createdAt: at,
        updatedAt: at,
        ...(visibility ? { visibility } : {}),
        ...(selectedRepositoryIds ? { selectedRepositoryIds } : {})
      })
    },
    publicKeyId: scope => keys.get(scope)?.id ?? '',
    fail: fault => void faults.push({ ...fault, remaining: fault.times ?? 1 }),
    reset() {
      secrets = new Map()
      faults = []
      requests.length = 0
      latencyMs = options.latencyMs ?? 0
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
