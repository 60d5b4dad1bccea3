import { ActionError } from '../../runtime/action-error.js'
import type { OrganizationsApi } from '../../aws/clients.js'
import { diagnose } from '../../aws/error-diagnosis.js'
import { errorCodeOf } from '../../aws/error-code.js'

/** An account as ListAccounts lists it. */
export interface OrganizationAccount {
  readonly id: string
  readonly name: string
}

export interface AccountListing {
  /** The organization id (`o-…`) read from the account ARNs. */
  readonly organization: string
  /** ACTIVE accounts only: suspended and closed ones have no users to audit. */
  readonly accounts: OrganizationAccount[]
  /** Accounts skipped because they are not ACTIVE. */
  readonly inactive: number
  /** ListAccounts calls made (20 accounts per page, AWS's maximum). */
  readonly calls: number
}

/** arn:aws:organizations::<management>:account/o-<id>/<account> */
const ACCOUNT_ARN = /:account\/(o-[a-z0-9]+)\//

export const LIST_ACCOUNTS_STATEMENT = {
  Effect: 'Allow',
  Action: 'organizations:ListAccounts',
  Resource: '*'
} as const

/**
 * Every account of the organization, all pages (organizations:ListAccounts, 20 per page). Throttling is
 * retried by the client's retry strategy. Throws an {@link ActionError} that says what to allow.
 */
export async function listActiveAccounts(
  { client, sdk }: OrganizationsApi,
  context: { region: string; maxAttempts: number }
): Promise<AccountListing> {
  const accounts: OrganizationAccount[] = []
  let organization = ''
  let inactive = 0
  let calls = 0
  try {
    for await (const page of sdk.paginateListAccounts({ client, pageSize: 20 }, {})) {
      calls++
      for (const account of page.Accounts ?? []) {
        if (!account.Id) continue
        organization ||= ACCOUNT_ARN.exec(account.Arn ?? '')?.[1] ?? ''
        // State replaces the deprecated Status; older endpoints send only Status.
        const state = account.State ?? account.Status
        if (state !== 'ACTIVE') {
          inactive++
          continue
        }
        accounts.push({ id: account.Id, name: account.Name ?? account.Id })
      }
    }
  } catch (error) {
    const code = errorCodeOf(error)
    if (code === 'AWSOrganizationsNotInUseException') {
      throw new ActionError(
        "The organization audit could not list the accounts: the caller's account is not a member of an AWS Organization (AWSOrganizationsNotInUseException). Use audit-scope: account for a single account, or set audit-accounts to the account ids to audit.",
        { cause: error }
      )
    }
    const diagnosis = diagnose(error, { action: 'organizations:ListAccounts', ...context })
    const fix =
      diagnosis.kind === 'access-denied'
        ? ` Run the audit with credentials of the management account or of a delegated administrator for AWS Organizations, allowed ${JSON.stringify(LIST_ACCOUNTS_STATEMENT)}; or set audit-accounts to a comma list of account ids.`
        : ''
    throw new ActionError(`The organization audit could not list the accounts: ${diagnosis.message}${fix}`, {
      cause: error
    })
  }
  return { organization, accounts, inactive, calls }
}
