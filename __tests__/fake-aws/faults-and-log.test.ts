import { describe, expect, it } from '@jest/globals'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam'
import {
  countSequentialRoundTrips,
  loadSeed,
  sdkConfig,
  seedKey,
  type RequestLogEntry
} from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const { fake } = useFakeAws(seed)

const sts = (maxAttempts = 1) => new STSClient({ ...sdkConfig(fake, admin), maxAttempts })

describe('fault injection', () => {
  it('throttles n times, then the SDK retry succeeds', async () => {
    fake.inject('sts:GetCallerIdentity', { code: 'Throttling', times: 2 })
    const out = await sts(3).send(new GetCallerIdentityCommand({}))
    expect(out.$metadata.attempts).toBe(3)
    expect(fake.requests.map(r => [r.status, r.errorCode])).toEqual([
      [400, 'Throttling'],
      [400, 'Throttling'],
      [200, undefined]
    ])
    expect(fake.pendingFaults).toBe(0)
  })

  it('gives injected errors their AWS status and shape per service', async () => {
    fake.inject('DescribeRegions', { code: 'RequestLimitExceeded' })
    await expect(
      new EC2Client(sdkConfig(fake, admin)).send(new DescribeRegionsCommand({}))
    ).rejects.toMatchObject({
      name: 'RequestLimitExceeded',
      $metadata: { httpStatusCode: 503 }
    })
    fake.inject('iam:*', { status: 503 })
    await expect(new IAMClient(sdkConfig(fake, admin)).send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 }
    })
  })

  it('resets the connection, which the SDK retries as a transient network error', async () => {
    fake.inject('GetCallerIdentity', { reset: true })
    await expect(sts(1).send(new GetCallerIdentityCommand({}))).rejects.toThrow(/socket hang up|ECONNRESET/)
    fake.inject('GetCallerIdentity', { reset: true })
    await expect(sts(2).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      $metadata: { attempts: 2 }
    })
  })

  it('delays an answer and adds latency to every request', async () => {
    fake.inject('GetCallerIdentity', { delayMs: 150 })
    await sts().send(new GetCallerIdentityCommand({}))
    fake.latencyMs = 60
    await sts().send(new GetCallerIdentityCommand({}))
    const [delayed, slow] = fake.requests
    expect(delayed!.endMs - delayed!.startMs).toBeGreaterThanOrEqual(145)
    expect(slow!.endMs - slow!.startMs).toBeGreaterThanOrEqual(55)
    expect(slow!.injected).toBeUndefined()
  })

  it('leaves other actions alone and is cleared by reset()', async () => {
    fake.inject('ListUsers', { code: 'Throttling', times: 5 })
    await expect(sts().send(new GetCallerIdentityCommand({}))).resolves.toBeDefined()
    expect(fake.pendingFaults).toBe(5)
    fake.reset()
    expect(fake.pendingFaults).toBe(0)
    expect(fake.requests).toHaveLength(0)
  })
})

describe('request log', () => {
  it('counts concurrent calls as one round trip and sequential calls separately', async () => {
    // Generous latency so client start-up jitter on a busy CI machine cannot separate the concurrent pair.
    fake.latencyMs = 150
    const client = sts()
    const iam = new IAMClient(sdkConfig(fake, admin))
    await client.send(new GetCallerIdentityCommand({}))
    await Promise.all([client.send(new GetCallerIdentityCommand({})), iam.send(new ListUsersCommand({}))])
    await client.send(new GetCallerIdentityCommand({}))
    expect(fake.requests).toHaveLength(4)
    expect(fake.sequentialRoundTrips()).toBe(3)
    expect(fake.sequentialRoundTrips(r => r.service === 'iam')).toBe(1)
    expect(fake.requests.every(r => r.identityArn === 'arn:aws:iam::123456789012:user/admin')).toBe(true)
  })

  it('finds the longest chain of non-overlapping requests', () => {
    const e = (startMs: number, endMs: number): RequestLogEntry => ({
      seq: 0,
      service: 'sts',
      action: 'X',
      startMs,
      endMs,
      status: 200
    })
    expect(countSequentialRoundTrips([])).toBe(0)
    expect(countSequentialRoundTrips([e(0, 10), e(1, 9), e(2, 8)])).toBe(1)
    expect(countSequentialRoundTrips([e(0, 10), e(10, 20), e(5, 15), e(20, 30)])).toBe(3)
    expect(countSequentialRoundTrips([e(0, 100), e(1, 2), e(3, 4), e(5, 6)])).toBe(3)
  })
})
