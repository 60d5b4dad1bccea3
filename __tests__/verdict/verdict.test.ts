import { describe, expect, it } from '@jest/globals'
import { decide, type VerdictSettings } from '../../src/verdict/verdict.js'
import type { ObtainedCredentials } from '../../src/auth/credentials.js'
import type { CheckResult, CheckStatus } from '../../src/checks/check-result.js'
import { classifyKeyAge, type KeyAgeData } from '../../src/checks/key-age.js'
import type { AuditOutcome } from '../../src/audit/run-audit.js'

const base: VerdictSettings = {
  warnKeyAgeDays: 75,
  maxKeyAgeDays: 90,
  enforceKeyAge: true,
  failOnDenied: false,
  failOnFindings: false
}
const storedKey = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's' }
const stored: ObtainedCredentials = { credentials: storedKey, source: 'stored-keys', longLivedKey: storedKey }
const oidc: ObtainedCredentials = {
  credentials: { accessKeyId: 'ASIAEXAMPLEEXAMPLE12', secretAccessKey: 's', sessionToken: 't' },
  source: 'web-identity'
}
const identity: CheckResult = { name: 'identity', status: 'pass', durationMs: 1, detail: 'arn' }

function keyAge(ageDays: number, settings: VerdictSettings, otherActive = 0): CheckResult<KeyAgeData> {
  const ageClass = classifyKeyAge(ageDays, settings)
  const status: CheckStatus =
    ageClass === 'expired' && settings.enforceKeyAge ? 'fail' : ageClass === 'ok' ? 'pass' : 'warn'
  return {
    name: 'key-age',
    status,
    durationMs: 1,
    detail: `${ageDays} days`,
    data: {
      userName: 'ci',
      keyId: 'AKIA…MPLE',
      createDate: '2026-01-01T00:00:00.000Z',
      ageDays,
      ageClass,
      otherActiveKeys: Array.from({ length: otherActive }, () => ({ keyId: 'AKIA…OTHR', ageDays: 3 }))
    }
  }
}

function denied(name: 'regions' | 'users', action: string): CheckResult {
  return {
    name,
    status: 'denied',
    durationMs: 1,
    detail: `denied: ${action}`,
    denial: {
      action,
      message: 'not authorized',
      statement: { Effect: 'Allow', Action: action, Resource: '*' }
    }
  }
}

describe('verdict/verdict.ts', () => {
  it.each([
    // age, enforce, ok, keyStatus, warnings
    [0, true, true, 'ok', 0],
    [75, true, true, 'ok', 0],
    [76, true, true, 'warning', 1],
    [90, true, true, 'warning', 1],
    [91, true, false, 'expired', 0],
    [91, false, true, 'expired', 1],
    [400, false, true, 'expired', 1]
  ])(
    'a %i-day key with enforce-key-age %s: ok=%s, key-status %s, %i warnings',
    async (age, enforce, ok, status, warnings) => {
      const settings = { ...base, enforceKeyAge: enforce }
      const verdict = await decide(settings, stored, [identity, keyAge(age, settings)])
      expect(verdict.ok).toBe(ok)
      expect(verdict.keyStatus).toBe(status)
      expect(verdict.keyAgeDays).toBe(age)
      expect(verdict.warnings).toHaveLength(warnings)
    }
  )

  it('fails an expired key with its age, both thresholds and the rotation steps', async () => {
    const verdict = await decide(base, stored, [identity, keyAge(100, base)])
    expect(verdict.failure).toContain(
      'Access key AKIA…MPLE of IAM user ci is 100 days old, past max-key-age-days (90, CIS 1.14)'
    )
    expect(verdict.failure).toContain('aws iam create-access-key --user-name ci')
    expect(verdict.failure).toContain('--status Inactive')
    expect(verdict.failure).toContain('aws iam delete-access-key')
  })

  it('warns about a key past the warning threshold naming the threshold', async () => {
    const verdict = await decide(base, stored, [identity, keyAge(80, base)])
    expect(verdict.warnings[0]).toContain('is 80 days old, past warn-key-age-days (75)')
  })

  it('warns about a second active key (CIS 1.13) without failing', async () => {
    const verdict = await decide(base, stored, [identity, keyAge(10, base, 1)])
    expect(verdict.ok).toBe(true)
    expect(verdict.warnings).toEqual([expect.stringContaining('CIS 1.13 allows one active key per user')])
  })

  it('reports temporary credentials for OIDC, whatever the checks say', async () => {
    const skipped: CheckResult = { name: 'key-age', status: 'skipped', durationMs: 0, detail: 'temporary' }
    expect(await decide(base, oidc, [identity, skipped])).toMatchObject({
      ok: true,
      keyStatus: 'temporary',
      warnings: []
    })
  })

  it('reports temporary credentials for stored temporary (ASIA) keys', async () => {
    const temp = { accessKeyId: 'ASIAEXAMPLEEXAMPLE12', secretAccessKey: 's', sessionToken: 't' }
    expect(
      (await decide(base, { credentials: temp, source: 'stored-keys', longLivedKey: temp }, [identity]))
        .keyStatus
    ).toBe('temporary')
  })

  it('reports an unknown key status when key-age did not run or was denied', async () => {
    expect((await decide(base, stored, [identity])).keyStatus).toBe('unknown')
    const deniedKeyAge = { ...denied('users', 'iam:ListAccessKeys'), name: 'key-age' as const }
    expect((await decide(base, stored, [identity, deniedKeyAge])).keyStatus).toBe('unknown')
  })

  it.each([
    [false, true, 2, 0],
    [true, false, 0, 1]
  ])('with fail-on-denied %s: ok=%s, %i warnings', async (failOnDenied, ok, warnings, failures) => {
    const settings = { ...base, failOnDenied }
    const verdict = await decide(settings, stored, [
      identity,
      denied('regions', 'ec2:DescribeRegions'),
      denied('users', 'iam:ListUsers')
    ])
    expect(verdict.ok).toBe(ok)
    expect(verdict.warnings).toHaveLength(warnings)
    expect(verdict.failure === undefined ? 0 : 1).toBe(failures)
    const text = [...verdict.warnings, verdict.failure ?? ''].join('\n')
    expect(text).toContain('lacks ec2:DescribeRegions')
    expect(text).toContain('{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}')
  })

  it('fails on a failed check and joins several failures into one message', async () => {
    const broken: CheckResult = {
      name: 'regions',
      status: 'fail',
      durationMs: 1,
      detail: 'Could not reach EC2'
    }
    const verdict = await decide(base, stored, [
      { ...identity, status: 'fail', detail: 'not allowed account' },
      broken
    ])
    expect(verdict.ok).toBe(false)
    expect(verdict.failure).toBe('not allowed account Also: Could not reach EC2')
  })

  it('reports only the identity failure when the credentials do not work at all', async () => {
    const unreachable = (name: 'identity' | 'regions'): CheckResult => ({
      name,
      status: 'fail',
      durationMs: 1,
      detail: `Could not reach ${name}`,
      failure: { kind: 'unreachable', code: 'ECONNREFUSED', message: `Could not reach ${name}` }
    })
    const verdict = await decide(base, stored, [unreachable('identity'), unreachable('regions')])
    expect(verdict).toMatchObject({ ok: false, failure: 'Could not reach identity', keyStatus: 'unknown' })
  })

  it('passes a least-privilege identity whose only working call is GetCallerIdentity', async () => {
    const verdict = await decide(base, stored, [
      identity,
      denied('regions', 'ec2:DescribeRegions'),
      denied('users', 'iam:ListUsers'),
      { ...denied('users', 'iam:ListAccessKeys'), name: 'key-age' }
    ])
    expect(verdict).toMatchObject({ ok: true, keyStatus: 'unknown' })
    expect(verdict.warnings).toHaveLength(3)
  })

  // The preflight's and the audit's judges load only when their stage ran: these pin that they still judge.
  it('judges the preflight checks: an unproved permission fails the step, an unproved escalation warns', async () => {
    const failed = (name: 'permissions' | 'escalation'): CheckResult => ({
      name,
      status: 'fail',
      durationMs: 1,
      detail: 'cannot simulate x'
    })
    const verdict = await decide(base, stored, [identity, failed('permissions'), failed('escalation')])
    expect(verdict).toMatchObject({
      ok: false,
      failure: 'require-permissions could not be proved: cannot simulate x',
      warnings: ["Check 'escalation': cannot simulate x"]
    })
  })

  it("adds the audit's judgement: an audit that could not read the keys fails the step", async () => {
    const audit: AuditOutcome = {
      failure: 'The credential report was denied.',
      warnings: ['throttled twice']
    }
    const verdict = await decide(base, stored, [identity], audit)
    expect(verdict).toMatchObject({
      ok: false,
      failure: 'The credential report was denied.',
      warnings: ['throttled twice']
    })
  })

  it('adds nothing for the audit without one (audit-scope: caller)', async () => {
    expect(await decide(base, stored, [identity])).toMatchObject({ ok: true, warnings: [] })
  })
})
