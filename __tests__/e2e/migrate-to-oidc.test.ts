// migrate-to-oidc through the bundled action: an administrator's stored key plans and applies the OIDC
// role that replaces another user's key, against the fake IAM (groups, boundaries, roles, providers) and
// STS, whose AssumeRoleWithWebIdentity evaluates the created trust policy against the job's real token.
// Assertions read the live IAM state the fake holds, never just "a request was made".
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { loadSeed, seedKey } from '../../test/fake-aws/index.js'
import { addMigratingUser } from '../../test/fake-aws/migration-seed.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { defaultGitHubClaims } from '../../test/oidc/token-server.js'
import { runMain, summaryToText, type RunResult } from '../../test/runner/index.js'
import { expectCleanFailure } from '../../test/runner/expect-clean-failure.js'

const ACCOUNT = '123456789012'
const seed = loadSeed()
seed.oidcProviders = []
addMigratingUser(seed, 'legacy-deployer')
addMigratingUser(seed, 'big-inline', { groups: 0, inlinePadding: 11_000 })
const admin = seedKey(seed, 'admin')
const { fake, tokens } = useFakeAws(seed, { oidc: true })

const ROLE = 'github-octo-org-octo-repo'
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
const WRITES = ['CreateOpenIDConnectProvider', 'CreateRole', 'AttachRolePolicy', 'PutRolePolicy']

const migrate = (
  mode: string,
  extra: Record<string, string> = {},
  idToken = true,
  key: { id: string; secret: string } = admin
): Promise<RunResult> =>
  runMain({
    inputs: {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': key.id,
      'aws-secret-access-key': key.secret,
      checks: 'identity',
      'migrate-to-oidc': mode,
      'migrate-user': 'legacy-deployer',
      ...extra
    },
    env: { ...fake.env(), ...(idToken ? tokens.env : {}) }
  })

const secrets = () => [...tokens.issued, ...fake.sessions.flatMap(s => [s.secretAccessKey, s.sessionToken])]
const writes = () => fake.requests.filter(r => WRITES.includes(r.action) || /^(Delete|Detach)/.test(r.action))
/** What the account holds that this run could have created: the role and the provider. */
const leftBehind = () => ({
  role: fake.account.roles.has(ROLE),
  provider: fake.account.oidcProviders.some(p => p.arn === PROVIDER)
})
const user = () => fake.account.usersByName.get('legacy-deployer')!

describe('migrate-to-oidc', () => {
  it('plan: writes the five files and the summary, and changes nothing in AWS', async () => {
    const result = await migrate('plan')
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const dir = result.outputs['migration-dir']!
    expect(readdirSync(dir).sort()).toEqual([
      'cloudformation.yaml',
      'main.tf',
      'role.json',
      'trust-policy.json',
      'workflow.md'
    ])
    const trust = JSON.parse(readFileSync(join(dir, 'trust-policy.json'), 'utf8'))
    expect(trust.Statement[0].Principal.Federated).toBe(PROVIDER)
    expect(trust.Statement[0].Condition.StringLike['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:octo-org/octo-repo:*',
      'repo:octo-org-65/octo-repo-1296269:*'
    ])
    const role = JSON.parse(readFileSync(join(dir, 'role.json'), 'utf8'))
    expect(role.PermissionsBoundary).toBe(`arn:aws:iam::${ACCOUNT}:policy/legacy-deployer-boundary`)
    expect(role.ManagedPolicyArns.map((p: { PolicyArn: string }) => p.PolicyArn).sort()).toEqual([
      `arn:aws:iam::${ACCOUNT}:policy/legacy-deployer-group-0-managed`,
      `arn:aws:iam::${ACCOUNT}:policy/legacy-deployer-group-1-managed`,
      `arn:aws:iam::${ACCOUNT}:policy/legacy-deployer-managed-0`
    ])
    expect(role.InlinePolicies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual([
      'inline',
      'legacy-deployer-group-0-deploy',
      'legacy-deployer-group-1-deploy'
    ])
    expect(readFileSync(join(dir, 'cloudformation.yaml'), 'utf8')).toContain('AWS::IAM::OIDCProvider')
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).toContain('resource "aws_iam_role" "github"')
    const summary = summaryToText(result.summary)
    expect(summary).toContain('legacy-deployer-group-1-managed')
    expect(summary).toContain('group legacy-deployer-group-1')
    expect(summary).toContain('after its first green run')
    expect(writes()).toEqual([])
    expect(leftBehind()).toEqual({ role: false, provider: false })
    expect(result.outputs['migrated-role-arn']).toBeUndefined()
  })

  it('apply: creates the provider and the role, proves it with the job token; a second apply writes nothing', async () => {
    const first = await migrate('apply')
    expect(first.errors).toEqual([])
    expect(first.outputs['migrated-role-arn']).toBe(ROLE_ARN)
    const role = fake.account.roles.get(ROLE)!
    expect(role.tags).toEqual([{ Key: 'aws-auth-check:migrated-from', Value: 'legacy-deployer' }])
    expect(role.permissionsBoundary).toBe(`arn:aws:iam::${ACCOUNT}:policy/legacy-deployer-boundary`)
    expect(role.policies.map(p => p.name).sort()).toEqual([
      'inline',
      'legacy-deployer-group-0-deploy',
      'legacy-deployer-group-0-managed',
      'legacy-deployer-group-1-deploy',
      'legacy-deployer-group-1-managed',
      'legacy-deployer-managed-0'
    ])
    expect(leftBehind()).toEqual({ role: true, provider: true })
    // Proved: a session of the new role was minted from the job's token, and it was masked.
    expect(fake.sessions.map(s => s.roleArn)).toEqual([ROLE_ARN])
    expect(first.masks).toContain(fake.sessions[0]!.secretAccessKey)
    // The user, its key and the exported credentials are untouched.
    expect(user().accessKeys.map(k => k.status)).toEqual(['Active'])
    expect(first.exportedEnv.AWS_ACCESS_KEY_ID).toBe(admin.id)
    expect(summaryToText(first.summary)).toContain('Prove role')

    fake.requests.length = 0
    const second = await migrate('apply')
    expect(second.errors).toEqual([])
    expect(second.outputs['migrated-role-arn']).toBe(ROLE_ARN)
    expect(writes()).toEqual([])
    expect(summaryToText(second.summary)).toContain('Up to date')
  })

  it('apply without id-token: write fails before any IAM call', async () => {
    const result = await migrate('apply', {}, false)
    const error = expectCleanFailure(result, secrets())
    expect(error).toContain('id-token: write')
    expect(fake.requests.filter(r => r.service === 'iam')).toEqual([])
  })

  it.each(WRITES)(
    'a failure at %s removes everything this run created, and the error names the call',
    async action => {
      fake.inject(`iam:${action}`, {
        code: 'AccessDenied',
        message: `not authorized to perform: iam:${action}`
      })
      const result = await migrate('apply')
      const error = expectCleanFailure(result, secrets())
      expect(error).toContain(`iam:${action}`)
      // A denial prints the least the apply needs, that call included.
      expect(error).toContain(`The least it needs: {"Version":"2012-10-17"`)
      expect(error).toContain(`"iam:${action}"`)
      expect(error).toMatch(
        action === 'CreateOpenIDConnectProvider'
          ? /nothing was left behind/i
          : /Rolled back: removed .*nothing was left behind/
      )
      expect(leftBehind()).toEqual({ role: false, provider: false })
      expect(user().accessKeys.map(k => k.status)).toEqual(['Active'])
    }
  )

  it('a role of that name that is not ours, or ours but changed, is an error, and nothing changes', async () => {
    fake.account.roles.set(ROLE, { ...fake.account.roles.get('deploy')!, name: ROLE, arn: ROLE_ARN })
    const notOurs = await migrate('apply')
    expect(expectCleanFailure(notOurs, secrets())).toMatch(/already exists.*aws-auth-check:migrated-from/)
    expect(writes()).toEqual([])

    fake.account.roles.delete(ROLE)
    expect((await migrate('apply')).exitCode).toBe(0)
    // Someone detaches a policy from the migrated role by hand: the next apply refuses to touch it.
    const role = fake.account.roles.get(ROLE)!
    role.policies = role.policies.filter(p => p.name !== 'legacy-deployer-managed-0')
    fake.requests.length = 0
    const changed = await migrate('apply')
    expect(expectCleanFailure(changed, secrets())).toMatch(
      /already exists: made for legacy-deployer, but its managed policies differ/
    )
    expect(writes()).toEqual([])
    expect(fake.account.roles.get(ROLE)!.policies).toHaveLength(5)
  })

  it("plan with a key that may not read IAM: one error with the statement it needs, for the key's own user", async () => {
    // No migrate-user: the key's own user, which may only call sts:GetCallerIdentity.
    const result = await migrate('plan', { 'migrate-user': '' }, false, seedKey(seed, 'reader'))
    const error = expectCleanFailure(result, secrets())
    expect(error).toContain('could not read the permissions of IAM user reader')
    expect(error).toContain(`"Resource":"arn:aws:iam::${ACCOUNT}:user/reader"`)
  })

  it('inline policies over the role quota: an error that says which policy to make managed', async () => {
    const result = await migrate('plan', { 'migrate-user': 'big-inline' })
    const error = expectCleanFailure(result, secrets())
    expect(error).toMatch(
      /over IAM's 10,240 per role\. Make inline \(user big-inline, [\d,]+ characters\) a customer managed policy/
    )
    expect(writes()).toEqual([])
  })

  it('admits a token in the immutable-id subject format with the default subject', async () => {
    tokens.claims = defaultGitHubClaims({}, 'immutable-ids')
    const result = await migrate('apply')
    expect(result.errors).toEqual([])
    expect(fake.sessions[0]!.webIdentityClaims!.sub).toBe(
      'repo:octo-org-65/octo-repo-1296269:ref:refs/heads/main'
    )
  })

  it('a narrowed subject the token does not match: the proof fails and the rollback runs', async () => {
    const result = await migrate('apply', { 'migrate-subject': 'repo:octo-org/octo-repo:environment:prod' })
    const error = expectCleanFailure(result, secrets())
    expect(error).toContain('sts:AssumeRoleWithWebIdentity')
    expect(error).toContain('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(error).toMatch(/Rolled back: removed .*role github-octo-org-octo-repo.*nothing was left behind/)
    // STS really refused it: the fake evaluated the trust policy's sub condition.
    expect(fake.requests.find(r => r.action === 'AssumeRoleWithWebIdentity')?.errorCode).toBe('AccessDenied')
    expect(leftBehind()).toEqual({ role: false, provider: false })
  })

  it('retries the proof while IAM propagates the new role', async () => {
    fake.inject('sts:AssumeRoleWithWebIdentity', { code: 'AccessDenied', times: 2 })
    const result = await migrate('apply')
    expect(result.errors).toEqual([])
    expect(fake.requests.filter(r => r.action === 'AssumeRoleWithWebIdentity').map(r => r.status)).toEqual([
      403, 403, 200
    ])
  })
})
