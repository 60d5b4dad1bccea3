import { getCallerIdentity } from '../auth/caller-identity.js'
import { maskAccountId } from '../runtime/masking.js'
import type { Check, CheckContext, CheckOutcome } from './check-result.js'

export interface IdentityData {
  readonly account: string
  readonly arn: string
  readonly userId: string
}

/** Who the credentials belong to (sts:GetCallerIdentity, which no IAM policy can deny). */
export const identityCheck: Check<IdentityData> = {
  name: 'identity',
  action: 'sts:GetCallerIdentity',
  signingKeyId: ({ obtained }) => obtained.credentials.accessKeyId,
  async run({ settings, obtained, callerIdentity }: CheckContext): Promise<CheckOutcome<IdentityData>> {
    const response = await (callerIdentity ?? getCallerIdentity(settings, obtained.credentials))
    const data = { account: response.Account ?? '', arn: response.Arn ?? '', userId: response.UserId ?? '' }
    maskAccountId(settings, data.account)
    if (settings.allowedAccountIds.length > 0 && !settings.allowedAccountIds.includes(data.account)) {
      return {
        status: 'fail',
        detail: `The credentials belong to account ${data.account}, which is not in allowed-account-ids (${settings.allowedAccountIds.join(', ')}). Use the credentials for an allowed account, or add this account to allowed-account-ids.`,
        data
      }
    }
    return { status: 'pass', detail: data.arn, data }
  }
}
