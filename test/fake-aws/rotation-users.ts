// IAM users for key rotation tests, the demo and the rotation bench: each may rotate its own key
// (the self-rotation policy of docs/rotation.md), minus what `without` removes.
import { daysAgo, type AccessKey } from './account-state.js'
import type { Seed, SeedUser } from './seed.js'
import type { FakeAws } from './server.js'

export const SELF_ROTATION_ACTIONS = [
  'sts:GetCallerIdentity',
  'ec2:DescribeRegions',
  'iam:ListUsers',
  'iam:ListAccessKeys',
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:DeleteAccessKey'
]

/** Adds a user whose one key is `keyAgeDays` old and returns it; the seed is modified in place. */
export function addRotatingUser(
  seed: Seed,
  name: string,
  options: { keyAgeDays?: number; without?: string[] } = {}
): SeedUser {
  const tag = name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .padEnd(12, 'X')
    .slice(0, 12)
  const user: SeedUser = {
    name,
    createdDaysAgo: 400,
    allowedActions: SELF_ROTATION_ACTIONS.filter(a => !(options.without ?? []).includes(a)),
    accessKeys: [
      {
        id: `AKIA${tag}0001`,
        secret: `${name}/SecretOfTheOldKey0000000000000000000000`.slice(0, 40),
        status: 'Active',
        createdDaysAgo: options.keyAgeDays ?? 100
      }
    ]
  }
  seed.users.push(user)
  return user
}

/** Gives a user of the live fake account a second key, as if someone had made it earlier. */
export function addLiveKey(
  fake: FakeAws,
  userName: string,
  key: { id: string; status: 'Active' | 'Inactive'; createdDaysAgo?: number; createdMinutesAgo?: number }
): AccessKey {
  const user = fake.account.usersByName.get(userName)
  if (!user) throw new Error(`no user ${userName}`)
  const createDate =
    key.createdMinutesAgo !== undefined
      ? new Date(Date.now() - key.createdMinutesAgo * 60_000)
      : daysAgo(Date.now(), key.createdDaysAgo ?? 0)
  const added: AccessKey = {
    id: key.id,
    secret: `secret-of-${key.id}`.padEnd(40, 'x'),
    status: key.status,
    createDate,
    userName
  }
  user.accessKeys.push(added)
  fake.account.keysById.set(added.id, added)
  return added
}
