// What every service action handler gets: the parsed form parameters, the authenticated caller and
// the endpoint's mutable state.
import type { PublicJwk } from '../oidc/jwt.js'
import type { AccessKey, AccountState } from './account-state.js'
import type { SeedOrganization } from './seed.js'
import type { Identity, MintedSession } from './identity.js'
import type { XmlValue } from './xml.js'

export type CredentialReportState =
  { state: 'none' } | { state: 'started' } | { state: 'complete'; generatedAt: Date }

export interface FakeAwsState {
  account: AccountState
  /** Sessions minted by AssumeRole / AssumeRoleWithWebIdentity, by access key id. */
  sessions: Map<string, MintedSession>
  /** Keys that verify web identity tokens, by issuer URL. */
  oidcKeys: Map<string, PublicJwk[]>
  credentialReport: CredentialReportState
  /**
   * Every account the endpoint serves by id, when the seed has an organization: its own (the management
   * account) and the members'. Each has its own state; they share this map, the sessions and the OIDC keys.
   */
  accounts?: Map<string, FakeAwsState>
  /** The seed's organization, for organizations:ListAccounts (management account state only). */
  organization?: SeedOrganization
  /** How long a key made by CreateAccessKey takes to authenticate (IAM is eventually consistent). */
  keyPropagationMs: number
  /** When set, every minted session lasts this many ms whatever DurationSeconds asked (refresh tests). */
  sessionLifetimeMs?: number
  /** Every key CreateAccessKey made (deleted ones too), so tests can look for its secret in logs. */
  createdKeys: AccessKey[]
}

export interface ActionContext {
  params: URLSearchParams
  /** The parsed body of a JSON-protocol call (Organizations). */
  json?: Record<string, unknown>
  /** Undefined only for the unsigned AssumeRoleWithWebIdentity. */
  identity: Identity | undefined
  state: FakeAwsState
  now: Date
}

export type ActionResult = { [key: string]: XmlValue }
export type ActionHandler = (ctx: ActionContext) => ActionResult | undefined

export function requireIdentity(ctx: ActionContext): Identity {
  if (!ctx.identity) throw new Error('handler for a signed action reached without an identity')
  return ctx.identity
}
