// require-permissions and the escalation check through the bundle: the fake answers
// SimulatePrincipalPolicy with the same policy evaluation that authorizes its own calls, so every
// decision below is one the fake would really make.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { loadSeed, sdkConfig, seedKey, type SeedUser } from '../../test/fake-aws/index.js'
import { assertNoSecretLeaks, createJob, runMain, type RunResult } from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { expectCleanFailure } from '../../test/runner/expect-clean-failure.js'

const ACCOUNT = '123456789012'
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:user/deployer`
const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci/site-deploy`
const BASE_ACTIONS = [
  'sts:GetCallerIdentity',
  'ec2:DescribeRegions',
  'iam:ListUsers',
  'iam:ListAccessKeys',
  'iam:SimulatePrincipalPolicy'
]
const SITE_POLICY = {
  name: 'deploy-site',
  document: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow' as const, Action: ['s3:PutObject', 's3:Get*'], Resource: 'arn:aws:s3:::site/*' },
      { Effect: 'Allow' as const, Action: 'cloudfront:CreateInvalidation', Resource: '*' }
    ]
  }
}
const GUARDRAILS = {
  name: 'guardrails',
  managed: true,
  document: { Statement: [{ Effect: 'Deny' as const, Action: 's3:Delete*', Resource: '*' }] }
}

function user(name: string, id: string, policies: SeedUser['policies'], extra: string[] = []): SeedUser {
  return {
    name,
    createdDaysAgo: 5,
    allowedActions: [...BASE_ACTIONS, ...extra],
    policies,
    accessKeys: [{ id, secret: `${name}-secret-0000000000000000000000`, status: 'Active', createdDaysAgo: 5 }]
  }
}

const seed = loadSeed()
seed.users.push(
  user('deployer', 'AKIADEPLOYERKEY00001', [SITE_POLICY, GUARDRAILS]),
  user('escalator', 'AKIAESCALATORKEY0001', [], ['iam:AttachRolePolicy', 'iam:PassRole', 'ec2:RunInstances']),
  user('self-service', 'AKIASELFSERVICEKEY01', [
    {
      name: 'own-keys',
      document: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['iam:CreateAccessKey', 'iam:UpdateLoginProfile'],
            Resource: `arn:aws:iam::${ACCOUNT}:user/self-service`
          }
        ]
      }
    }
  ])
)
const deployTrust = seed.roles!.find(r => r.name === 'deploy')!.trustPolicy
seed.roles!.push({
  name: 'site-deploy',
  path: '/ci/',
  allowedActions: [
    'sts:GetCallerIdentity',
    'ec2:DescribeRegions',
    'iam:ListUsers',
    'iam:SimulatePrincipalPolicy'
  ],
  policies: [SITE_POLICY],
  trustPolicy: deployTrust
})

// A role with a path, assumed outside the step: the step gets its session keys as stored keys.
seed.roles!.push({
  name: 'pathed-target',
  path: '/ci/',
  allowedActions: ['sts:GetCallerIdentity', 'iam:SimulatePrincipalPolicy', 'iam:GetRole'],
  policies: [SITE_POLICY],
  trustPolicy: {
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/ci-assumer` },
        Action: 'sts:AssumeRole'
      }
    ]
  }
})

const { fake, tokens } = useFakeAws(seed, { oidc: true })

async function run(name: string, inputs: Record<string, string>, job = createJob()): Promise<RunResult> {
  const key = seedKey(seed, name)
  const result = await runMain({
    inputs: {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': key.id,
      'aws-secret-access-key': key.secret,
      ...inputs
    },
    env: fake.env(),
    job
  })
  assertNoSecretLeaks(result, [key.secret])
  return result
}

const secretOf = (name: string) => seedKey(seed, name).secret

function checks(result: RunResult): Record<string, { status: string; detail: string }> {
  const list = JSON.parse(result.outputs.checks ?? '[]') as { name: string; status: string; detail: string }[]
  return Object.fromEntries(list.map(c => [c.name, { status: c.status, detail: c.detail }]))
}

const SITE_LINES = [
  's3:PutObject arn:aws:s3:::site/index.html',
  's3:GetObject arn:aws:s3:::site/index.html',
  'cloudfront:CreateInvalidation'
]

describe('require-permissions', () => {
  it('passes and exports when every required permission is allowed, with the table in the summary and report', async () => {
    const job = createJob()
    const result = await run(
      'deployer',
      { 'require-permissions': SITE_LINES.join('\n'), 'report-path': 'report.json' },
      job
    )
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe('AKIADEPLOYERKEY00001')
    expect(checks(result).permissions).toEqual({
      status: 'pass',
      detail: `3 required permissions allowed for ${DEPLOYER}`
    })
    expect(result.summary).toContain('Required permissions')
    expect(result.summary).toMatch(
      /s3:PutObject<\/td><td>arn:aws:s3:::site\/index.html<\/td><td>✅ allowed<\/td><td>deploy-site<\/td>/
    )
    const report = JSON.parse(readFileSync(join(job.workspace, 'report.json'), 'utf8'))
    expect(report.permissions.principal).toBe(DEPLOYER)
    expect(report.permissions.rows.map((r: { decision: string }) => r.decision)).toEqual([
      'allowed',
      'allowed',
      'allowed'
    ])
    expect(report.checks.map((c: { name: string }) => c.name)).toContain('permissions')
    expect(fake.requests.filter(r => r.action === 'SimulatePrincipalPolicy')).toHaveLength(2)
  })

  it('fails before exporting on an implicit deny, listing it with the policy that would allow it', async () => {
    const result = await run('deployer', {
      'require-permissions': [...SITE_LINES, 's3:PutObject arn:aws:s3:::logs/app.log'].join('\n')
    })
    const error = expectCleanFailure(result, [secretOf('deployer')])
    expect(error).toContain(
      `require-permissions: 1 of 4 required permissions are not allowed for ${DEPLOYER}`
    )
    expect(error).toContain('s3:PutObject on arn:aws:s3:::logs/app.log (implicitDeny; line 4)')
    expect(error).toContain(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/app.log"}]}'
    )
    expect(checks(result).permissions!.status).toBe('fail')
    expect(result.summary).toContain('❌ implicitDeny')
  })

  it('fails on an explicit deny, naming the policy whose Deny matched', async () => {
    const result = await run('deployer', {
      'require-permissions': 's3:GetObject arn:aws:s3:::site/a\ns3:DeleteObject arn:aws:s3:::site/old.html'
    })
    const error = expectCleanFailure(result, [secretOf('deployer')])
    expect(error).toContain(
      's3:DeleteObject on arn:aws:s3:::site/old.html (explicitDeny by guardrails; line 2): an Allow cannot override an explicit Deny'
    )
    expect(result.summary).toContain('⛔ explicitDeny')
  })

  it('reads a file: policy from the workspace as the requirement', async () => {
    const job = createJob()
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::site/*' }
      ]
    }
    writeFileSync(join(job.workspace, 'deploy-policy.json'), JSON.stringify(policy))
    const ok = await run('deployer', { 'require-permissions': 'file:deploy-policy.json' }, job)
    expect(ok.exitCode).toBe(0)
    expect(checks(ok).permissions!.detail).toBe(`2 required permissions allowed for ${DEPLOYER}`)

    writeFileSync(
      join(job.workspace, 'deploy-policy.json'),
      JSON.stringify({
        Statement: [
          ...policy.Statement,
          { Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: '*' }
        ]
      })
    )
    const denied = await run('deployer', { 'require-permissions': 'file:deploy-policy.json' }, job)
    expect(expectCleanFailure(denied, [secretOf('deployer')])).toContain(
      'lambda:UpdateFunctionCode on * (implicitDeny; line 1 (file:deploy-policy.json) statement 2)'
    )
  })

  it('rejects a bad line before any network call, naming the line', async () => {
    const result = await run('deployer', {
      'require-permissions': 's3:PutObject\ns3:Put* arn:aws:s3:::site/*'
    })
    expect(expectCleanFailure(result, [secretOf('deployer')])).toMatch(
      /^Invalid input 'require-permissions': line 2: 's3:Put\*' has a wildcard/
    )
    expect(fake.requests).toEqual([])
  })

  it('simulates the role, not the session, path included, for an OIDC role', async () => {
    const result = await runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'role-to-assume': CI_ROLE,
        'require-permissions': SITE_LINES.join('\n')
      },
      env: { ...fake.env(), ...tokens.env }
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(checks(result).permissions!.detail).toBe(`3 required permissions allowed for ${CI_ROLE}`)
  })

  it('fails when the simulation is denied: the requirement could not be proved', async () => {
    const result = await run('aging', { 'require-permissions': 's3:GetObject' })
    const error = expectCleanFailure(result, [secretOf('aging')])
    expect(error).toMatch(
      /^Check 'permissions': require-permissions could not be proved\. Access denied \(AccessDenied\): User: arn:aws:iam::123456789012:user\/aging is not authorized to perform: iam:SimulatePrincipalPolicy/
    )
    expect(error).toContain(
      'Minimal policy statement that allows the simulation: {"Effect":"Allow","Action":"iam:SimulatePrincipalPolicy","Resource":"arn:aws:iam::123456789012:user/aging"}'
    )
    expect(checks(result).permissions!.status).toBe('denied')
  })

  it('fails when the endpoint does not implement the simulation', async () => {
    fake.inject('iam:SimulatePrincipalPolicy', {
      code: 'InvalidAction',
      status: 400,
      message: 'Could not find operation SimulatePrincipalPolicy for version 2010-05-08'
    })
    const result = await run('deployer', { 'require-permissions': 's3:GetObject arn:aws:s3:::site/a' })
    const error = expectCleanFailure(result, [secretOf('deployer')])
    expect(error).toContain(
      'The endpoint does not implement iam:SimulatePrincipalPolicy (InvalidAction: Could not find operation'
    )
    expect(checks(result).permissions!.status).toBe('denied')
  })
})

describe('require-permissions with stored session keys of a role', () => {
  async function sessionKeys() {
    const sts = new STSClient(sdkConfig(fake, seedKey(seed, 'ci-assumer')))
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci/pathed-target`,
        RoleSessionName: 'outside'
      })
    )
    return out.Credentials!
  }

  /** Session keys from outside the step, with one required permission to prove. */
  const requireWithSessionKeys = (creds: Awaited<ReturnType<typeof sessionKeys>>) =>
    runMain({
      inputs: {
        'aws-region': 'eu-west-1',
        'aws-access-key-id': creds.AccessKeyId!,
        'aws-secret-access-key': creds.SecretAccessKey!,
        'aws-session-token': creds.SessionToken!,
        checks: 'identity',
        'require-permissions': 's3:PutObject arn:aws:s3:::site/a'
      },
      env: fake.env()
    })

  it('reads the role path with iam:GetRole and simulates the role', async () => {
    const creds = await sessionKeys()
    const result = await requireWithSessionKeys(creds)
    assertNoSecretLeaks(result, [creds.SecretAccessKey!, creds.SessionToken!])
    expect(result.errors).toEqual([])
    expect(checks(result).permissions!.detail).toBe(
      `1 required permission allowed for ${CI_ROLE.replace('site-deploy', 'pathed-target')}`
    )
    expect(fake.requests.map(r => r.action)).toContain('GetRole')
  })

  it('without iam:GetRole, guesses path / and says how to fix the NoSuchEntity', async () => {
    const role = fake.account.roles.get('pathed-target')!
    role.allowedActions = role.allowedActions.filter(a => a !== 'iam:GetRole')
    const creds = await sessionKeys()
    const result = await requireWithSessionKeys(creds)
    const error = expectCleanFailure(result, [creds.SecretAccessKey!, creds.SessionToken!])
    expect(error).toMatch(
      /^require-permissions could not be proved: cannot simulate arn:aws:iam::123456789012:role\/pathed-target: IAM has no such user or role \(NoSuchEntity\)\. .*allow iam:GetRole on the role\.$/
    )
  })
})

describe('escalation check', () => {
  it('warns once per open path, naming it and how to close it, and still exports', async () => {
    const result = await run('escalator', { checks: 'identity,escalation' })
    expect(result.exitCode).toBe(0)
    expect(result.exportedEnv.AWS_ACCESS_KEY_ID).toBe('AKIAESCALATORKEY0001')
    expect(checks(result).escalation!.status).toBe('warn')
    expect(result.warnings).toHaveLength(2)
    expect(result.warnings[0]).toMatch(
      /^Privilege escalation: arn:aws:iam::123456789012:user\/escalator is allowed iam:PassRole \+ ec2:RunInstances, so it could launch an EC2 instance/
    )
    expect(result.warnings[1]).toContain('is allowed iam:AttachRolePolicy')
    expect(result.warnings[1]).toContain('Remove the IAM write permission')
    expect(result.summary).toContain('Privilege escalation')
  })

  it('finds nothing for a least-privilege deploy user, or for self-service on its own keys only', async () => {
    for (const name of ['deployer', 'self-service']) {
      const result = await run(name, { checks: 'identity,escalation' })
      expect(result.warnings).toEqual([])
      expect(checks(result).escalation!.status).toBe('pass')
      expect(result.summary).toContain('None of 21 published escalation paths is open')
    }
  })

  it('flags an admin, and runs beside require-permissions with one principal lookup', async () => {
    const result = await run('admin', {
      checks: 'identity,escalation',
      'require-permissions': 's3:GetObject'
    })
    expect(result.exitCode).toBe(0)
    expect(checks(result).permissions!.status).toBe('pass')
    expect(result.warnings.length).toBe(21)
    // The principal lookup takes the identity check's GetCallerIdentity: one call for both.
    expect(fake.requests.filter(r => r.action === 'GetCallerIdentity')).toHaveLength(1)
  })

  it('is denied, as a warning, when the identity may not simulate', async () => {
    const result = await run('aging', { checks: 'identity,escalation' })
    expect(result.exitCode).toBe(0)
    expect(checks(result).escalation!.status).toBe('denied')
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Check 'escalation': the escalation check could not run\. Access denied/)
    ])
  })
})
