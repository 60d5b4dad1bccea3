// The propagation wait against the fake AWS: the SDK's retry strategy, told that an unknown key is
// transient here, keeps trying until the key authenticates, and gives up at the budget.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { CreateAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam'
import { loadSeed, sdkConfig } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { addRotatingUser } from '../../test/fake-aws/rotation-users.js'
import { waitUntilKeyWorks } from '../../src/rotation/wait-for-key.js'

const seed = loadSeed()
const old = addRotatingUser(seed, 'waiter').accessKeys[0]!
const { fake } = useFakeAws(seed)

beforeEach(() => {
  process.env.AWS_ENDPOINT_URL = fake.url
})

async function newKey() {
  const { AccessKey } = await new IAMClient(sdkConfig(fake, old)).send(new CreateAccessKeyCommand({}))
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }
}

describe('waitUntilKeyWorks', () => {
  it('waits through the propagation delay and returns the caller ARN', async () => {
    fake.keyPropagationMs = 1_200
    const key = await newKey()
    const started = Date.now()
    await expect(waitUntilKeyWorks('eu-west-1', key, 10_000)).resolves.toBe(
      'arn:aws:iam::123456789012:user/waiter'
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
    const tries = fake.requests.filter(
      r => r.action === 'GetCallerIdentity' && r.accessKeyId === key.accessKeyId
    )
    expect(tries.map(t => t.status)).toEqual([...tries.slice(0, -1).map(() => 403), 200])
  })

  it('gives up at the budget when the key never authenticates', async () => {
    fake.keyPropagationMs = 60_000
    const key = await newKey()
    const started = Date.now()
    await expect(waitUntilKeyWorks('eu-west-1', key, 2_000)).rejects.toBeDefined()
    expect(Date.now() - started).toBeLessThan(4_000)
  })

  it('does not retry a denial', async () => {
    fake.keyPropagationMs = 0
    const key = await newKey()
    fake.inject('sts:GetCallerIdentity', { code: 'AccessDenied', times: 5 })
    await expect(waitUntilKeyWorks('eu-west-1', key, 10_000)).rejects.toMatchObject({ name: 'AccessDenied' })
    expect(fake.requests.filter(r => r.action === 'GetCallerIdentity')).toHaveLength(1)
  })
})
