// Deterministic large accounts (e.g. 10,000 users) for the account-audit benchmark: a realistic spread
// of key ages, second keys, inactive keys and never-used keys, reproducible from the same options.
import type { Seed, SeedAccessKey, SeedUser } from './seed.js'
import { loadSeed } from './seed.js'

export interface LargeSeedOptions {
  users: number
  /** Base seed whose account, roles, providers and regions are kept (default: "default"). */
  base?: Seed
  /** Deterministic pseudo-random seed. */
  randomSeed?: number
}

/** Small deterministic PRNG (mulberry32): the same options always give the same account. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function generateLargeSeed(options: LargeSeedOptions): Seed {
  const base = structuredClone(options.base ?? loadSeed('default'))
  const random = mulberry32(options.randomSeed ?? 42)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const keyId = (n: number, k: number): string => {
    let suffix = ''
    let value = n * 4 + k
    for (let i = 0; i < 11; i++) {
      suffix = ALPHABET[value % 32] + suffix
      value = Math.floor(value / 32)
    }
    return `AKIABULK${suffix}${ALPHABET[k]}`.slice(0, 20)
  }
  const secret = (): string =>
    Array.from(
      { length: 40 },
      () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[Math.floor(random() * 64)]
    ).join('')

  const users: SeedUser[] = []
  for (let n = 0; n < options.users; n++) {
    const keyCount = random() < 0.1 ? 0 : random() < 0.15 ? 2 : 1
    const accessKeys: SeedAccessKey[] = []
    for (let k = 0; k < keyCount; k++) {
      const age = Math.floor(random() * 400)
      const used = random() < 0.8
      accessKeys.push({
        id: keyId(n, k),
        secret: secret(),
        status: random() < 0.9 ? 'Active' : 'Inactive',
        createdDaysAgo: age,
        ...(used
          ? {
              lastUsed: {
                daysAgo: Math.floor(random() * Math.min(age + 1, 120)),
                region: pick(['us-east-1', 'eu-west-1', 'us-west-2']),
                service: pick(['s3', 'sts', 'ec2', 'iam'])
              }
            }
          : {})
      })
    }
    users.push({
      name: `user-${String(n).padStart(5, '0')}`,
      createdDaysAgo: 400 + Math.floor(random() * 800),
      passwordEnabled: random() < 0.3,
      allowedActions: [],
      accessKeys
    })
  }
  return { ...base, users: [...base.users, ...users] }
}
