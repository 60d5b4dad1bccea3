import { describe, expect, it, jest } from '@jest/globals'
import type { KeyApi } from '../../src/rotation/iam-keys.js'
import type { SecretsApi } from '../../src/rotation/secret-targets.js'
import type { KeyRotationSettings } from '../../src/rotation/rotation-types.js'
import type { SecretLocation, SecretTarget } from '../../src/rotation/secret-location.js'
import { rotateKey } from '../../src/rotation/rotate-key.js'
import { Timeline } from '../../src/rotation/timeline.js'

const OLD = { accessKeyId: 'AKIAOLDKEY0000000001', secretAccessKey: 'old-secret' }
const NEW = { accessKeyId: 'AKIANEWKEY0000000002', secretAccessKey: 'new-secret' }
const ARN = 'arn:aws:iam::123456789012:user/bot'
const settings: KeyRotationSettings = {
  region: 'eu-west-1',
  retryMaxAttempts: 1,
  rotateKey: 'always',
  rotateSecrets: ['KEY_ID', 'SECRET'],
  rotateSecretScope: { kind: 'repository' },
  rotateRepositories: [],
  rotateDryRun: false,
  retireAfterDays: 7,
  warnKeyAgeDays: 75,
  maxKeyAgeDays: 90
}
const locations: SecretLocation[] = [
  { kind: 'repository', owner: 'o', repo: 'a' },
  { kind: 'repository', owner: 'o', repo: 'b' }
]
const keyOf = (t: SecretTarget) => `${JSON.stringify(t.location)}/${t.name}`

/** An in-memory IAM user and GitHub, with the failures a test asks for. */
function world(
  fail: {
    create?: boolean
    wait?: boolean
    write?: (t: SecretTarget, value: string) => boolean
    deactivate?: boolean
    remove?: boolean
  } = {}
) {
  const keys = [
    { id: OLD.accessKeyId, status: 'Active', createDate: new Date(Date.now() - 100 * 86_400_000) }
  ]
  const secrets = new Map<string, string>()
  for (const l of locations) {
    secrets.set(keyOf({ location: l, name: 'KEY_ID' }), OLD.accessKeyId)
    secrets.set(keyOf({ location: l, name: 'SECRET' }), OLD.secretAccessKey)
  }
  const iam: KeyApi = {
    list: async () => ({ userName: 'bot', keys: keys.map(k => ({ ...k })) }),
    create: async () => {
      if (fail.create) throw Object.assign(new Error('denied'), { name: 'AccessDenied' })
      keys.push({ id: NEW.accessKeyId, status: 'Active', createDate: new Date() })
      return { ...NEW, createDate: new Date(), userName: 'bot' }
    },
    deactivate: async id => {
      if (fail.deactivate) throw Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' })
      keys.find(k => k.id === id)!.status = 'Inactive'
    },
    remove: async id => {
      if (fail.remove) throw new Error('boom')
      keys.splice(
        keys.findIndex(k => k.id === id),
        1
      )
    }
  }
  const updated = new Map<string, Date>()
  const github: SecretsApi = {
    readPublicKey: async () => ({ keyId: '1', key: 'k' }),
    readMetadata: async t => ({ updatedAt: updated.get(keyOf(t)) ?? new Date(0) }),
    write: async (t, value) => {
      if (fail.write?.(t, value)) throw Object.assign(new Error('Server Error'), { status: 500 })
      secrets.set(keyOf(t), value)
      updated.set(keyOf(t), new Date())
    }
  }
  const mask = jest.fn<(s: string) => void>()
  const deps = {
    keys: iam,
    github,
    mask,
    timeline: new Timeline(),
    waitUntilKeyWorks: async () => {
      if (fail.wait)
        throw Object.assign(new Error('The security token included in the request is invalid.'), {
          name: 'InvalidClientTokenId'
        })
      return ARN
    }
  }
  const run = () => rotateKey({ settings, oldKey: OLD, callerArn: ARN, locations }, deps)
  return { keys, secrets, mask, run, deps }
}

const values = (secrets: Map<string, string>) => [...new Set(secrets.values())].sort()

describe('rotateKey', () => {
  it('rotates: new key masked at once, in every secret, old key inactive', async () => {
    const w = world()
    const outcome = await w.run()
    expect(outcome).toMatchObject({ status: 'rotated', retired: true })
    expect(values(w.secrets)).toEqual([NEW.accessKeyId, NEW.secretAccessKey].sort())
    expect(w.keys.map(k => k.status)).toEqual(['Inactive', 'Active'])
    expect(w.mask).toHaveBeenCalledWith(NEW.secretAccessKey)
    expect(w.mask).toHaveBeenCalledWith(NEW.accessKeyId)
  })

  it.each([
    ['2', { create: true }],
    ['3', { wait: true }],
    [
      '4',
      {
        write: (t: SecretTarget, v: string) =>
          t.name === 'SECRET' && (t.location as { repo: string }).repo === 'b' && v === NEW.secretAccessKey
      }
    ]
  ])('a failure in step %s rolls everything back', async (step, fail) => {
    const w = world(fail)
    const outcome = await w.run()
    expect(outcome.status).toBe('failed')
    if (outcome.status !== 'failed') return
    expect(outcome.failure).toContain(`failed at step ${step}.`)
    expect(outcome.failure).toContain('Nothing changed')
    expect(values(w.secrets)).toEqual([OLD.accessKeyId, OLD.secretAccessKey].sort())
    expect(w.keys).toEqual([expect.objectContaining({ id: OLD.accessKeyId, status: 'Active' })])
  })

  it('a rollback that fails too names the secret that holds the new key', async () => {
    let restores = 0
    const w = world({
      write: (t, v) =>
        (t.name === 'SECRET' && (t.location as { repo: string }).repo === 'b' && v === NEW.secretAccessKey) ||
        (t.name === 'KEY_ID' &&
          (t.location as { repo: string }).repo === 'a' &&
          v === OLD.accessKeyId &&
          ++restores > 1),
      remove: true
    })
    const outcome = await w.run()
    if (outcome.status !== 'failed') throw new Error('expected a failure')
    expect(outcome.failure).toContain('ROLLBACK INCOMPLETE')
    expect(outcome.failure).toContain('repository secret KEY_ID of o/a holds AKIA…0002')
    expect(outcome.failure).toContain('repository secret SECRET of o/b holds the secret of AKIA…0001')
    expect(outcome.failure).toContain('AKIA…0002 is still Active (kept, because a secret may still hold it)')
  })

  it('a token that cannot write fails before any key is created', async () => {
    const w = world({ write: () => true })
    const outcome = await w.run()
    expect(outcome).toMatchObject({
      status: 'failed',
      failure: expect.stringContaining('github-token cannot write')
    })
    expect(w.keys).toHaveLength(1)
  })

  it('a denied deactivation is a warning: both keys active, secrets hold the new key', async () => {
    const w = world({ deactivate: true })
    const outcome = await w.run()
    expect(outcome).toMatchObject({
      status: 'rotated',
      retired: false,
      warnings: [expect.stringContaining('iam:UpdateAccessKey')]
    })
    expect(w.keys.map(k => k.status)).toEqual(['Active', 'Active'])
    expect(values(w.secrets)).toEqual([NEW.accessKeyId, NEW.secretAccessKey].sort())
  })

  it("names the self-rotation resource in the caller's partition", async () => {
    const w = world({ deactivate: true })
    const gov = 'arn:aws-us-gov:iam::123456789012:user/bot'
    const outcome = await rotateKey(
      { settings, oldKey: OLD, callerArn: gov, locations },
      { ...w.deps, waitUntilKeyWorks: async () => gov }
    )
    expect(outcome).toMatchObject({
      warnings: [
        expect.stringContaining('Allow iam:UpdateAccessKey on arn:aws-us-gov:iam::*:user/${aws:username}')
      ]
    })
  })
})
