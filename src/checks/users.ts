import { createIamClient, clientOptions } from '../aws/clients.js'
import type { Check, CheckOutcome } from './check-result.js'

/** How many user names the summary lists. */
export const LISTED_USERS = 50

export interface UsersData {
  /** All IAM users in the account, every page counted. */
  readonly count: number
  /** The first {@link LISTED_USERS} user names, in the order IAM returns them. */
  readonly firstNames: readonly string[]
}

/** `aws iam list-users`: every page, proving IAM read access. */
export const usersCheck: Check<UsersData> = {
  name: 'users',
  action: 'iam:ListUsers',
  signingKeyId: ({ obtained }) => obtained.credentials.accessKeyId,
  async run({ settings, obtained }): Promise<CheckOutcome<UsersData>> {
    const { client: iam, sdk } = await createIamClient(clientOptions(settings, obtained.credentials))
    let count = 0
    const firstNames: string[] = []
    // The largest page IAM allows keeps the number of sequential round trips down.
    for await (const page of sdk.paginateListUsers({ client: iam, pageSize: 1000 }, {})) {
      for (const user of page.Users ?? []) {
        count += 1
        if (firstNames.length < LISTED_USERS && user.UserName) firstNames.push(user.UserName)
      }
    }
    return {
      status: 'pass',
      detail: `${count} IAM user${count === 1 ? '' : 's'}`,
      data: { count, firstNames }
    }
  }
}
