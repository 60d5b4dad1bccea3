// The seed's AWS Organization: a state per member account (own users, keys, roles and credential
// report) next to the management account's, and the lookup that finds which account signed a request.
import { buildAccountState } from './account-state.js'
import type { FakeAwsState } from './action-context.js'
import type { Seed } from './seed.js'

/**
 * Gives `state` (the management account's) a member state per seed organization account. They share
 * the account map, the sessions and the OIDC keys, so a session minted in one account signs in another.
 */
export function attachOrganization(state: FakeAwsState, seed: Seed, now = Date.now()): void {
  if (!seed.organization) return
  const accounts = new Map<string, FakeAwsState>([[state.account.accountId, state]])
  state.accounts = accounts
  state.organization = seed.organization
  for (const member of seed.organization.accounts) {
    const account = buildAccountState(
      {
        accountId: member.id,
        root: member.root,
        users: member.users,
        roles: member.roles,
        regions: seed.regions
      },
      now
    )
    accounts.set(member.id, {
      account,
      sessions: state.sessions,
      oidcKeys: state.oidcKeys,
      credentialReport: { state: 'none' },
      keyPropagationMs: state.keyPropagationMs,
      createdKeys: state.createdKeys,
      accounts
    })
  }
}

/** The state of the account an access key (long-lived, or a minted session's) belongs to. */
export function stateForKey(state: FakeAwsState, accessKeyId: string): FakeAwsState {
  if (!state.accounts || state.account.keysById.has(accessKeyId)) return state
  const session = state.sessions.get(accessKeyId)
  if (session) return state.accounts.get(session.roleArn.split(':')[4] ?? '') ?? state
  for (const member of state.accounts.values()) {
    if (member.account.keysById.has(accessKeyId)) return member
  }
  return state
}
