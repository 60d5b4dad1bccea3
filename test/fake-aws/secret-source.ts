// Tells the e2e harness (test/runner/secret-sources.ts) what this endpoint knows is secret: every
// seeded key's secret, every session it minted and every web identity token presented to it; and, for
// one step, which of them the step held: keys that signed an authenticated request, sessions minted
// during the step, tokens it presented.
import type { SecretSource } from '../runner/secret-sources.js'
import type { FakeAwsState } from './action-context.js'
import type { RequestLogEntry } from './request-log.js'

export interface PresentedToken {
  /** The request that carried it. */
  seq: number
  token: string
}

export interface FakeAwsRecords {
  state: FakeAwsState
  requests: readonly RequestLogEntry[]
  presentedTokens: readonly PresentedToken[]
  /** The seq of the latest request. */
  lastSeq(): number
}

export function fakeAwsSecretSource(records: FakeAwsRecords): SecretSource {
  const { state } = records
  const sessionSecrets = (id: string): string[] => {
    const session = state.sessions.get(id)
    return session ? [session.secretAccessKey, session.sessionToken] : []
  }
  return {
    secrets: () => [
      ...[...state.account.keysById.values()].map(k => k.secret),
      ...[...state.sessions.keys()].flatMap(sessionSecrets),
      ...records.presentedTokens.map(p => p.token)
    ],
    accessKeyIds: () => [...state.account.keysById.keys(), ...state.sessions.keys()],
    watch() {
      const since = records.lastSeq()
      const sessionsBefore = new Set(state.sessions.keys())
      return () => {
        const during = records.requests.filter(r => r.seq > since)
        const signedWith = during
          .filter(r => r.identityArn !== undefined && r.accessKeyId !== undefined)
          .map(r => r.accessKeyId!)
        const minted = [...state.sessions.keys()].filter(id => !sessionsBefore.has(id))
        return {
          active: records.lastSeq() > since,
          secrets: [
            ...signedWith.flatMap(id => [
              state.account.keysById.get(id)?.secret ?? '',
              ...sessionSecrets(id)
            ]),
            ...minted.flatMap(sessionSecrets),
            ...records.presentedTokens.filter(p => p.seq > since).map(p => p.token)
          ].filter(s => s !== '')
        }
      }
    }
  }
}
