import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fakeJwt, githubClaims } from '../../test/oidc/jwt.js'
import { proveRole, type ProofTiming } from '../../src/migration/prove-role.js'

const sts = mockClient(STSClient)
const ROLE = 'arn:aws:iam::123456789012:role/github-acme-app'
const denied = () => Object.assign(new Error('Not authorized'), { name: 'AccessDenied' })

/** A clock that only moves when the proof sleeps: the whole backoff runs in no real time. */
function fakeTiming(budgetMs = 60_000) {
  let now = 0
  const slept: number[] = []
  const timing: ProofTiming = {
    budgetMs,
    delayMs: attempt => 500 * 2 ** (attempt - 1),
    sleep: async ms => {
      slept.push(ms)
      now += ms
    },
    now: () => now
  }
  return { timing, slept }
}

const request = (sub: string, subjects = ['repo:acme/app:*']) => ({
  roleArn: ROLE,
  token: fakeJwt(githubClaims({ sub })),
  subjects,
  sts: { region: 'us-east-1', maxAttempts: 1 },
  mask: () => undefined
})

beforeEach(() => {
  sts.reset()
})

describe('proveRole', () => {
  it('retries with backoff while IAM propagates, then proves with GetCallerIdentity', async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejectsOnce(denied())
      .rejectsOnce(denied())
      .resolves({
        Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date() }
      })
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Arn: 'arn:aws:sts::123456789012:assumed-role/github-acme-app/p' })
    const { timing, slept } = fakeTiming()
    expect(await proveRole(request('repo:acme/app:ref:refs/heads/main'), timing)).toMatch(/assumed-role/)
    expect(slept).toEqual([500, 1000])
  })

  it('gives up once the budget is spent', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(denied())
    const { timing, slept } = fakeTiming(5_000)
    await expect(proveRole(request('repo:acme/app:ref:refs/heads/main'), timing)).rejects.toThrow(
      /still refused this job's token .* after 4 attempts in 5 s/
    )
    expect(slept).toEqual([500, 1000, 2000])
  })

  it('fails at once when the token carries a sub the trust policy does not admit', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(denied())
    const { timing, slept } = fakeTiming()
    await expect(
      proveRole(request('repo:acme/app:ref:refs/heads/main', ['repo:acme/app:environment:prod']), timing)
    ).rejects.toThrow(/its sub repo:acme\/app:ref:refs\/heads\/main is not one the trust policy admits/)
    expect(slept).toEqual([])
  })
})
