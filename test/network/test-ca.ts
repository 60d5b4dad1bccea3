// A throwaway certificate authority and a server certificate for 127.0.0.1 it signs, so the local
// endpoints can speak HTTPS and a child process trusts them through NODE_EXTRA_CA_CERTS (never through
// NODE_TLS_REJECT_UNAUTHORIZED: the TLS handshake must verify, as it does against AWS).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'

export interface TestCa {
  /** The server's key and certificate, for https.createServer. */
  readonly tls: { key: string; cert: string }
  /** Env for a client process that must trust the server: NODE_EXTRA_CA_CERTS. */
  readonly env: { NODE_EXTRA_CA_CERTS: string }
  close(): void
}

/** `hostnames`: DNS names the server certificate also holds, for a proxy that sends them to 127.0.0.1. */
export async function createTestCa(hostnames: readonly string[] = []): Promise<TestCa> {
  const notAfterDate = new Date(Date.now() + 86_400_000)
  const ca = await generate([{ name: 'commonName', value: 'aws-auth-check test CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
    ]
  })
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 7, ip: '127.0.0.1' }, ...hostnames.map(value => ({ type: 2 as const, value }))]
      }
    ]
  })
  const dir = mkdtempSync(join(tmpdir(), 'test-ca-'))
  const caFile = join(dir, 'ca.pem')
  writeFileSync(caFile, ca.cert)
  return {
    tls: { key: server.private, cert: server.cert },
    env: { NODE_EXTRA_CA_CERTS: caFile },
    close: () => rmSync(dir, { recursive: true, force: true })
  }
}
