import { describe, expect, it } from '@jest/globals'
import {
  MAX_ACTIONS_PER_CALL,
  MAX_RESOURCES_PER_CALL,
  simulationBatches
} from '../../../src/checks/preflight/simulation-batches.js'
import { classifyCaller } from '../../../src/checks/preflight/principal.js'
import {
  escalationPairs,
  openPath,
  openPaths,
  OTHER_USER
} from '../../../src/checks/preflight/escalation-findings.js'
import { ESCALATION_PATHS } from '../../../src/checks/preflight/escalation-paths.js'
import {
  escalationWarnings,
  judgePreflight,
  minimalStatements,
  permissionsFailure
} from '../../../src/checks/preflight/judge-preflight.js'
import { isUnsupportedSimulation, type Evaluation } from '../../../src/checks/preflight/simulate-principal.js'
import { simulationNotRun } from '../../../src/checks/preflight/simulation-not-run.js'
import type { CheckResult } from '../../../src/checks/check-result.js'

const ACCOUNT = '123456789012'

describe('simulation-batches', () => {
  it('asks each call for exactly the required pairs: resources sharing actions share a call', () => {
    const batches = simulationBatches([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::a/*' },
      { action: 's3:PutObject', resource: 'arn:aws:s3:::b/*' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::c/*' },
      { action: 'iam:ListUsers', resource: '*' }
    ])
    expect(batches).toEqual([
      { actions: ['s3:PutObject'], resources: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] },
      { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::c/*'] },
      { actions: ['iam:ListUsers'], resources: [] }
    ])
  })

  it('splits long lists so no call exceeds the batch limits (one page of at most 1,000 results)', () => {
    const actions = Array.from({ length: 120 }, (_, i) => `svc:Action${i}`)
    const resources = Array.from({ length: 45 }, (_, i) => `arn:aws:s3:::bucket-${i}`)
    const pairs = actions.flatMap(action => resources.map(resource => ({ action, resource })))
    const batches = simulationBatches(pairs)
    expect(batches).toHaveLength(3 * 3)
    for (const b of batches) {
      expect(b.actions.length).toBeLessThanOrEqual(MAX_ACTIONS_PER_CALL)
      expect(b.resources.length).toBeLessThanOrEqual(MAX_RESOURCES_PER_CALL)
    }
    const covered = new Set(batches.flatMap(b => b.actions.flatMap(a => b.resources.map(r => `${a} ${r}`))))
    expect(covered.size).toBe(pairs.length)
  })
})

describe('principal', () => {
  it('simulates a user by its own ARN', () => {
    expect(classifyCaller(`arn:aws:iam::${ACCOUNT}:user/ci/deployer`)).toEqual({
      kind: 'principal',
      principal: {
        kind: 'user',
        arn: `arn:aws:iam::${ACCOUNT}:user/ci/deployer`,
        partition: 'aws',
        account: ACCOUNT
      }
    })
  })

  it('turns an assumed-role session into the role ARN role-to-assume names, path included', () => {
    const session = `arn:aws-cn:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`
    expect(classifyCaller(session, `arn:aws-cn:iam::${ACCOUNT}:role/ci/deploy`)).toEqual({
      kind: 'principal',
      principal: {
        kind: 'role',
        arn: `arn:aws-cn:iam::${ACCOUNT}:role/ci/deploy`,
        partition: 'aws-cn',
        account: ACCOUNT
      }
    })
    expect(classifyCaller(session, 'deploy')).toMatchObject({
      principal: { kind: 'role', arn: `arn:aws-cn:iam::${ACCOUNT}:role/deploy` }
    })
  })

  it('asks IAM for the path when the session is not the role-to-assume (e.g. stored session keys)', () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/run-7`
    const expected = { kind: 'role-by-name', name: 'deploy', guess: `arn:aws:iam::${ACCOUNT}:role/deploy` }
    expect(classifyCaller(session)).toEqual(expected)
    expect(classifyCaller(session, `arn:aws:iam::${ACCOUNT}:role/other`)).toEqual(expected)
  })

  it('recognises root and principals the simulation cannot take', () => {
    expect(classifyCaller(`arn:aws:iam::${ACCOUNT}:root`)).toMatchObject({ principal: { kind: 'root' } })
    expect(classifyCaller(`arn:aws:sts::${ACCOUNT}:federated-user/bob`)).toMatchObject({
      principal: { kind: 'unsupported' }
    })
  })
})

describe('escalation-findings', () => {
  const principal = {
    kind: 'user',
    arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
    partition: 'aws',
    account: ACCOUNT
  } as const
  const allowed = (pairs: { action: string; resource: string }[]): Evaluation[] =>
    pairs.map(p => ({ ...p, decision: 'allowed', matched: [] }))

  it('simulates other-user paths on another user, the rest on *', () => {
    const pairs = escalationPairs(principal)
    expect(pairs).toContainEqual({
      action: 'iam:CreateAccessKey',
      resource: `arn:aws:iam::${ACCOUNT}:user/${OTHER_USER}`
    })
    expect(pairs).toContainEqual({ action: 'iam:CreatePolicyVersion', resource: '*' })
  })

  it('opens a path only when every one of its actions is allowed', () => {
    const passRoleOnly = allowed([
      { action: 'iam:PassRole', resource: '*' },
      { action: 'lambda:CreateFunction', resource: '*' }
    ])
    expect(openPaths(principal, passRoleOnly)).toEqual([])
    const withInvoke = [...passRoleOnly, ...allowed([{ action: 'lambda:InvokeFunction', resource: '*' }])]
    expect(openPaths(principal, withInvoke).map(p => p.id)).toEqual(['passrole-lambda-invoke'])
  })

  it("writes a remedy that names an ARN in the principal's partition", () => {
    const gov = { ...principal, arn: `arn:aws-us-gov:iam::${ACCOUNT}:user/ci`, partition: 'aws-us-gov' }
    const open = openPaths(
      gov,
      allowed([
        { action: 'iam:CreateAccessKey', resource: `arn:aws-us-gov:iam::${ACCOUNT}:user/${OTHER_USER}` }
      ])
    )
    expect(open.map(p => p.remedy)).toEqual([
      'Scope iam:CreateAccessKey to arn:aws-us-gov:iam::*:user/${aws:username} or remove it.'
    ])
  })

  it('every path has actions, a remedy and a source', () => {
    for (const path of ESCALATION_PATHS) {
      expect(path.actions.length).toBeGreaterThan(0)
      expect(openPath(path, 'aws').remedy).toMatch(/\S/)
      expect(path.source).toMatch(/Rhino Security Labs method \d+/)
    }
    expect(new Set(ESCALATION_PATHS.map(p => p.id)).size).toBe(ESCALATION_PATHS.length)
  })
})

describe('judge-preflight', () => {
  const rows = [
    {
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::a/*',
      origin: 'line 1',
      decision: 'allowed',
      matched: ['deploy']
    },
    {
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::a/*',
      origin: 'line 2',
      decision: 'implicitDeny',
      matched: []
    },
    {
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::a/*',
      origin: 'line 3',
      decision: 'explicitDeny',
      matched: ['guardrails']
    }
  ] as const
  const data = { principal: `arn:aws:iam::${ACCOUNT}:role/deploy`, rows }

  it('lists each permission not allowed with its decision and the minimal policy', () => {
    const message = permissionsFailure(data)
    expect(message).toContain('2 of 3 required permissions are not allowed')
    expect(message).toContain(
      '(1) s3:GetObject on arn:aws:s3:::a/* (implicitDeny; line 2) (2) s3:DeleteObject'
    )
    expect(message).toContain(
      's3:DeleteObject on arn:aws:s3:::a/* (explicitDeny by guardrails; line 3): an Allow cannot override'
    )
    expect(message).not.toContain('s3:PutObject on')
    expect(message).toContain(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::a/*"}]}'
    )
  })

  it('merges resources that need the same actions into one statement', () => {
    expect(
      minimalStatements([
        { action: 'a:One', resource: 'arn:aws:s3:::x' },
        { action: 'a:One', resource: 'arn:aws:s3:::y' },
        { action: 'a:Two', resource: '*' }
      ])
    ).toEqual([
      { Effect: 'Allow', Action: 'a:One', Resource: ['arn:aws:s3:::x', 'arn:aws:s3:::y'] },
      { Effect: 'Allow', Action: 'a:Two', Resource: '*' }
    ])
  })

  const result = (
    name: 'permissions' | 'escalation',
    status: CheckResult['status'],
    extra: Partial<CheckResult> = {}
  ) => ({ name, status, durationMs: 1, detail: 'd', ...extra }) as CheckResult
  const denial = {
    action: 'iam:SimulatePrincipalPolicy',
    message: 'Access denied',
    statement: { Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: data.principal } as const
  }
  const judge = (r: CheckResult, failOnDenied = false) => {
    const failures: string[] = []
    const warnings: string[] = []
    judgePreflight(r, failOnDenied, failures, warnings)
    return { failures, warnings }
  }

  it('fails on a denied permissions simulation whatever fail-on-denied says; escalation follows it', () => {
    expect(judge(result('permissions', 'denied', { denial })).failures[0]).toMatch(
      /^Check 'permissions': require-permissions could not be proved\. Access denied\. Minimal policy statement that allows the simulation: \{"Effect":"Allow","Action":"iam:SimulatePrincipalPolicy"/
    )
    expect(judge(result('escalation', 'denied', { denial })).warnings).toHaveLength(1)
    expect(judge(result('escalation', 'denied', { denial }), true).failures).toHaveLength(1)
  })

  it('fails on a permission not allowed and warns once per open escalation path', () => {
    expect(judge(result('permissions', 'fail', { data })).failures).toEqual([permissionsFailure(data)])
    expect(judge(result('permissions', 'pass', { data: { ...data, rows: [rows[0]] } }))).toEqual({
      failures: [],
      warnings: []
    })
    const findings = ESCALATION_PATHS.filter(
      p => p.id === 'attach-role-policy' || p.id === 'passrole-ec2'
    ).map(p => openPath(p, 'aws'))
    const escalation = { principal: data.principal, pathsChecked: ESCALATION_PATHS.length, findings }
    const { warnings } = judge(result('escalation', 'warn', { data: escalation }))
    expect(warnings).toEqual(escalationWarnings(escalation))
    expect(warnings).toHaveLength(2)
    expect(warnings[1]).toMatch(
      /^Privilege escalation: arn:aws:iam::123456789012:role\/deploy is allowed iam:AttachRolePolicy, so it could attach any managed policy to a role \(Rhino Security Labs method 9\)\. Remove/
    )
  })
})

describe('isUnsupportedSimulation', () => {
  it.each([
    [{ name: 'InvalidAction', $metadata: { httpStatusCode: 400 } }, true],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 501 } }, true],
    [{ Code: 'UnknownOperationException' }, true],
    [{ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }, false],
    [{ name: 'NoSuchEntity' }, false]
  ])('%j → %p', (error, expected) => {
    expect(isUnsupportedSimulation(error)).toBe(expected)
  })
})

describe('simulationNotRun', () => {
  const arn = `arn:aws:iam::${ACCOUNT}:role/deploy`
  it('turns AccessDenied and an unsupported endpoint into denied, with the statement on this principal', () => {
    const denied = simulationNotRun({ name: 'AccessDenied', message: 'User: x is not authorized' }, arn)
    expect(denied).toMatchObject({
      status: 'denied',
      denial: {
        action: 'iam:SimulatePrincipalPolicy',
        message: 'Access denied (AccessDenied): User: x is not authorized',
        statement: { Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: arn }
      }
    })
    expect(
      simulationNotRun({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } }, arn)
    ).toMatchObject({
      status: 'denied',
      denial: {
        message: expect.stringMatching(
          /^The endpoint does not implement iam:SimulatePrincipalPolicy \(NotImplemented/
        )
      }
    })
  })

  it('fails naming the fix when IAM has no such principal, and leaves other errors to the runner', () => {
    expect(simulationNotRun({ name: 'NoSuchEntityException', Code: 'NoSuchEntity' }, arn)).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`cannot simulate ${arn}: IAM has no such user or role (NoSuchEntity)`)
    })
    expect(simulationNotRun({ name: 'Throttling' }, arn)).toBeUndefined()
  })

  it('an escalation check that failed only warns; a permissions check that failed fails the step', () => {
    const failed = (name: 'permissions' | 'escalation') =>
      ({ name, status: 'fail', durationMs: 1, detail: 'cannot simulate x' }) as CheckResult
    const failures: string[] = []
    const warnings: string[] = []
    judgePreflight(failed('escalation'), false, failures, warnings)
    judgePreflight(failed('permissions'), false, failures, warnings)
    expect(warnings).toEqual(["Check 'escalation': cannot simulate x"])
    expect(failures).toEqual(['require-permissions could not be proved: cannot simulate x'])
  })
})
