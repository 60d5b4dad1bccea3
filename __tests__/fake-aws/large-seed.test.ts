import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
  paginateListUsers
} from '@aws-sdk/client-iam'
import {
  generateLargeSeed,
  sdkConfig,
  seedKey,
  startFakeAws,
  type FakeAws,
  type Seed
} from '../../test/fake-aws/index.js'

let seed: Seed
let fake: FakeAws
beforeAll(async () => {
  seed = generateLargeSeed({ users: 10_000 })
  fake = await startFakeAws(seed)
})
afterAll(() => fake.close())

describe('generateLargeSeed', () => {
  it('is deterministic, with unique well-formed key ids', () => {
    expect(generateLargeSeed({ users: 50 })).toEqual(generateLargeSeed({ users: 50 }))
    const ids = seed.users.flatMap(u => u.accessKeys.map(k => k.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.every(id => /^AKIA[A-Z0-9]{16}$/.test(id))).toBe(true)
    expect(seed.users.length).toBe(10_000 + 7)
  })

  it('serves all users through paging and the credential report', async () => {
    const client = new IAMClient(sdkConfig(fake, seedKey(seed, 'admin')))
    let count = 0
    for await (const page of paginateListUsers({ client, pageSize: 1000 }, {}))
      count += page.Users?.length ?? 0
    expect(count).toBe(seed.users.length)
    await client.send(new GenerateCredentialReportCommand({}))
    await client.send(new GenerateCredentialReportCommand({}))
    const report = await client.send(new GetCredentialReportCommand({}))
    const lines = Buffer.from(report.Content!).toString('utf8').split('\n')
    expect(lines.length).toBe(1 + 1 + seed.users.length)
  })
})
