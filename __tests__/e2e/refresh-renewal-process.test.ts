// One renewal through the bundle, as the endpoint starts it: `dist/refresh/index.js --renew` under the
// runner's node, handed its plan through the pipe, renewing against the local AWS with real SigV4; and a
// renewal whose endpoint goes away while it waits on a black-holed STS ends with it.
import { describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { settingsWith } from '../../__fixtures__/read-inputs.js'
import { loadSeed, seedKey } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { startBlackHole } from '../../test/network/black-hole.js'
import { NODE24, REPO_ROOT } from '../../test/runner/index.js'
import { renewalSettings, type RefreshPlan } from '../../src/refresh/refresh-plan.js'
import type { RenewalAnswer } from '../../src/refresh/renewal-process.js'

const seed = loadSeed()
const assumer = seedKey(seed, 'ci-assumer')
const { fake } = useFakeAws(seed)
const SCRIPT = join(REPO_ROOT, 'dist', 'refresh', 'index.js')

/** The plan the endpoint hands a renewal for stored keys + role (the AssumeRole route). */
function assumeRolePlan(): RefreshPlan {
  const settings = settingsWith({
    'aws-region': 'eu-west-1',
    'aws-access-key-id': assumer.id,
    'aws-secret-access-key': assumer.secret,
    'role-to-assume': 'arn:aws:iam::123456789012:role/ci-target',
    'role-external-id': 'octo-external-42',
    'retry-max-attempts': '1'
  })
  const first = { accessKeyId: 'ASIAFIRST', secretAccessKey: 's', sessionToken: 't' }
  return {
    source: 'assume-role',
    settings: renewalSettings(settings),
    env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_WORKFLOW: 'deploy' },
    first: { credentials: first, obtainedAt: 0, expiresAt: 1 },
    endpoint: { path: '/unused', token: 'unused' },
    statusFile: '/dev/null'
  }
}

/** A renewal process as the endpoint starts one, in the environment `env` (the endpoint's own). */
function startRenewal(env: Record<string, string>): ChildProcess {
  return spawn(NODE24, [SCRIPT, '--renew'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'json',
    env: { PATH: process.env.PATH ?? '', ...env }
  })
}

const answerOf = (child: ChildProcess): Promise<RenewalAnswer> =>
  new Promise(resolve => child.once('message', message => resolve(message as RenewalAnswer)))
const exitOf = (child: ChildProcess): Promise<number | null> =>
  new Promise(resolve => child.once('exit', code => resolve(code)))

describe('a renewal process (dist/refresh/index.js --renew)', () => {
  it('renews once by AssumeRole with the plan from its pipe, answers the session and exits', async () => {
    const child = startRenewal(fake.env())
    const exited = exitOf(child)
    child.send(assumeRolePlan())
    const answer = await answerOf(child)
    expect(answer).not.toHaveProperty('error')
    const { credentials, expiresAt } = answer as Extract<RenewalAnswer, { credentials: unknown }>
    expect(credentials.accessKeyId).toMatch(/^ASIA/)
    expect(credentials.sessionToken).toBeTruthy()
    expect(expiresAt).toBeGreaterThan(Date.now())
    const call = fake.requests.find(r => r.action === 'AssumeRole')
    expect(call).toMatchObject({ status: 200, accessKeyId: assumer.id })
    expect(await exited).toBe(0)
  })

  it('answers a refusal with the message and not permanent, so the endpoint retries', async () => {
    const plan = assumeRolePlan()
    const child = startRenewal(fake.env())
    child.send({ ...plan, settings: { ...plan.settings, roleExternalId: 'wrong-external-id' } })
    const answer = await answerOf(child)
    expect(answer).toMatchObject({ permanent: false })
    expect((answer as { error: string }).error).toContain('AssumeRole')
  })

  it('ends when its endpoint goes away while the renewal waits on STS', async () => {
    const hole = await startBlackHole()
    try {
      const child = startRenewal({
        ...fake.env(),
        AWS_ENDPOINT_URL: hole.url,
        AWS_ENDPOINT_URL_STS: hole.url
      })
      const exited = exitOf(child)
      child.send(assumeRolePlan())
      // Give it time to be waiting on the black hole, then go away as a stopped endpoint does.
      await sleep(1_000)
      expect(child.exitCode).toBeNull()
      const gone = Date.now()
      child.disconnect()
      expect(await exited).toBe(0)
      expect(Date.now() - gone).toBeLessThan(2_000)
    } finally {
      await hole.close()
    }
  })
})
