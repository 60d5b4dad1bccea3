// GitHub's two `sub` formats through the bundled action: `repo:owner/name:…` and, for repositories
// created or renamed on github.com since 2026-06-18 (or opted in), `repo:owner-OWNERID/name-REPOID:…`.
// A denial must print the Condition built from the token's own sub, and that Condition must be one
// the role then accepts; a name-based condition must not admit an id-based token.
import { describe, expect, it } from '@jest/globals'
import { loadSeed } from '../../test/fake-aws/index.js'
import { defaultGitHubClaims, type SubjectFormat } from '../../test/oidc/token-server.js'
import { runMain, type RunResult } from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { expectCleanFailure } from '../../test/runner/expect-clean-failure.js'

const DEPLOY = 'arn:aws:iam::123456789012:role/deploy'
const { fake, tokens, oidcEnv } = useFakeAws(loadSeed(), { oidc: true })

const run = (): Promise<RunResult> =>
  runMain({
    inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': DEPLOY },
    env: oidcEnv()
  })
const secretsOf = (result: RunResult): string[] => [
  ...result.masks.filter(m => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(m)),
  tokens.requestToken
]

describe.each<[SubjectFormat, string]>([
  ['names', 'repo:octo-org/octo-repo'],
  ['immutable-ids', 'repo:octo-org-65/octo-repo-1296269']
])('GitHub OIDC with a sub in the %s format', (format, prefix) => {
  it("prints a Condition built from the token's own sub, and the role accepts that Condition", async () => {
    tokens.claims = defaultGitHubClaims({ environment: 'production' }, format)
    const denied = await run()
    const error = expectCleanFailure(denied, secretsOf(denied))
    expect(error).toContain(`"sub":"${prefix}:environment:production"`)
    const condition = JSON.parse(/with this Condition: (\{.*?\}\})\./.exec(error)![1]!) as {
      StringLike: Record<string, string>
    }
    expect(condition.StringLike).toEqual({
      'token.actions.githubusercontent.com:sub': `${prefix}:environment:production`
    })
    // The wider subjects in the log keep the token's prefix.
    expect(denied.stdout).toContain(`"${prefix}:*"`)

    fake.account.roles.get('deploy')!.trustPolicy.Statement[0]!.Condition = condition
    const allowed = await run()
    expect(allowed.errors).toEqual([])
    expect(allowed.exitCode).toBe(0)
    expect(allowed.outputs['aws-arn']).toBe('arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions')
  })
})

describe('a trust policy written for repository names', () => {
  it('does not admit a token whose sub carries the immutable ids, and the error says why', async () => {
    // The seed's deploy role trusts repo:octo-org/octo-repo:ref:refs/heads/main.
    tokens.claims = defaultGitHubClaims({}, 'immutable-ids')
    const result = await run()
    const error = expectCleanFailure(result, secretsOf(result))
    expect(error).toContain(
      '"token.actions.githubusercontent.com:sub":"repo:octo-org-65/octo-repo-1296269:ref:refs/heads/main"'
    )
    expect(error).toContain('"repository_id":"1296269"')
    expect(result.stdout).toContain('immutable owner and repository ids')
  })
})
