import { describe, expect, it } from '@jest/globals'
import {
  explainTokenRejection,
  explainWebIdentityDenial,
  hasImmutableIds,
  issuerPath,
  subjectPrefix,
  oidcProviderArn,
  trustStatementFor
} from '../../src/auth/oidc-diagnosis.js'
import { githubClaims } from '../../test/oidc/jwt.js'

const ROLE = 'arn:aws:iam::123456789012:role/deploy'
const claims = githubClaims({
  ref: 'refs/heads/feature',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/feature'
})
const attempt = { roleArn: ROLE, claims, tokenSource: 'GitHub OIDC' }

describe('oidc-diagnosis.ts', () => {
  it('renders the Condition block that matches exactly the claims of the token', () => {
    expect(trustStatementFor(ROLE, claims)).toEqual({
      Effect: 'Allow',
      Principal: {
        Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: {
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/feature'
        }
      }
    })
  })

  it('uses the environment subject and a custom audience as the token has them', () => {
    const statement = trustStatementFor(
      ROLE,
      githubClaims({ sub: 'repo:o/r:environment:production', environment: 'production', aud: 'my-aud' })
    )
    expect(statement.Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'my-aud' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:environment:production' }
    })
  })

  it.each([
    ['aws', 'arn:aws:iam::123456789012:role/deploy', 'arn:aws:iam::123456789012:oidc-provider/'],
    ['aws-cn', 'arn:aws-cn:iam::210987654321:role/deploy', 'arn:aws-cn:iam::210987654321:oidc-provider/'],
    [
      'aws-us-gov',
      'arn:aws-us-gov:iam::111122223333:role/x/deploy',
      'arn:aws-us-gov:iam::111122223333:oidc-provider/'
    ]
  ])('names the provider in the role partition %s and account', (_partition, roleArn, prefix) => {
    expect(oidcProviderArn(roleArn, 'https://token.actions.githubusercontent.com')).toBe(
      `${prefix}token.actions.githubusercontent.com`
    )
  })

  it("takes the provider path from the token's issuer, GitHub Enterprise's path included", () => {
    expect(issuerPath('https://token.actions.githubusercontent.com/octo-enterprise/')).toBe(
      'token.actions.githubusercontent.com/octo-enterprise'
    )
    const statement = trustStatementFor(
      ROLE,
      githubClaims({ iss: 'https://token.actions.githubusercontent.com/octo-enterprise' })
    )
    expect(statement.Principal.Federated).toBe(
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octo-enterprise'
    )
    expect(Object.keys(statement.Condition.StringLike)).toEqual([
      'token.actions.githubusercontent.com/octo-enterprise:sub'
    ])
  })

  it('explains a denial on one line: the claims, the provider and the Condition block', () => {
    const { message, details } = explainWebIdentityDenial(attempt)
    expect(message).not.toContain('\n')
    expect(message).toContain(`Could not assume ${ROLE} with GitHub OIDC`)
    expect(message).toContain('"sub":"repo:octo-org/octo-repo:ref:refs/heads/feature"')
    expect(message).toContain('"aud":"sts.amazonaws.com"')
    expect(message).toContain('"iss":"https://token.actions.githubusercontent.com"')
    expect(message).toContain('"repository":"octo-org/octo-repo"')
    expect(message).toContain('"ref":"refs/heads/feature"')
    expect(message).toContain('"job_workflow_ref":')
    expect(message).toContain(
      'must trust the provider arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
    )
    expect(message).toContain(JSON.stringify(trustStatementFor(ROLE, claims).Condition))
    // The detail holds a whole trust policy a user can paste, and ways to widen it.
    const policy = details.find(line => line.startsWith('{'))
    expect(JSON.parse(policy!)).toEqual({
      Version: '2012-10-17',
      Statement: [trustStatementFor(ROLE, claims)]
    })
    expect(details.join('\n')).toContain('"repo:octo-org/octo-repo:*"')
  })

  describe.each([
    ['names', 'repo:octo-org/octo-repo'],
    ['immutable owner and repository ids', 'repo:octo-org-65/octo-repo-1296269']
  ])('with a sub in the %s format', (_format, prefix) => {
    const token = githubClaims({
      sub: `${prefix}:environment:production`,
      environment: 'production',
      repository_id: '1296269',
      repository_owner_id: '65'
    })
    const denial = explainWebIdentityDenial({ ...attempt, claims: token })

    it("builds the Condition from the token's own sub", () => {
      expect(trustStatementFor(ROLE, token).Condition.StringLike).toEqual({
        'token.actions.githubusercontent.com:sub': `${prefix}:environment:production`
      })
      expect(denial.message).toContain(
        `"token.actions.githubusercontent.com:sub":"${prefix}:environment:production"`
      )
    })

    it('suggests wider subjects with the same prefix, never one rebuilt from the repository name', () => {
      const details = denial.details.join('\n')
      expect(details).toContain(`"${prefix}:*"`)
      expect(details).toContain(`"${prefix}:ref:refs/heads/main"`)
      const subjects = [...details.matchAll(/"(repo:[^"]*)"/g)].map(m => m[1]!)
      expect(subjects.every(subject => subject.startsWith(`${prefix}:`))).toBe(true)
      expect(subjectPrefix(token.sub as string)).toBe(prefix)
    })
  })

  it('says when the sub carries immutable ids, so a name-based condition cannot match', () => {
    const ids = githubClaims({
      sub: 'repo:octo-org-65/octo-repo-1296269:ref:refs/heads/main',
      repository_id: '1296269',
      repository_owner_id: '65'
    })
    expect(hasImmutableIds(ids)).toBe(true)
    expect(explainWebIdentityDenial({ ...attempt, claims: ids }).details.join('\n')).toContain(
      'immutable owner and repository ids'
    )
    const names = githubClaims({ repository_id: '1296269', repository_owner_id: '65' })
    expect(hasImmutableIds(names)).toBe(false)
    expect(explainWebIdentityDenial({ ...attempt, claims: names }).details.join('\n')).not.toContain(
      'immutable'
    )
  })

  it('suggests no wider subject for a customised sub it cannot read', () => {
    const custom = githubClaims({
      sub: 'job_workflow_ref:octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main'
    })
    const { details } = explainWebIdentityDenial({ ...attempt, claims: custom })
    expect(details.join('\n')).not.toContain('Other common values')
    expect(trustStatementFor(ROLE, custom).Condition.StringLike).toEqual({
      'token.actions.githubusercontent.com:sub': custom.sub
    })
  })

  it('never prints claims that are not in the list, such as the token id', () => {
    const { message, details } = explainWebIdentityDenial({
      ...attempt,
      claims: { ...claims, jti: 'secret-ish-id' } as never
    })
    expect(message + details.join('\n')).not.toContain('secret-ish-id')
  })

  it('still explains a denial when the token cannot be read', () => {
    const { message } = explainWebIdentityDenial({ ...attempt, claims: undefined })
    expect(message).toContain('trust policy does not admit this token, or the role does not exist')
  })

  it('tells how to create a missing provider', () => {
    const explanation = explainTokenRejection(attempt, {
      code: 'InvalidIdentityToken',
      message:
        'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
      attempts: 1
    })
    expect(explanation?.message).toContain(
      'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com'
    )
  })

  it("recognises STS's other wording for a missing provider", () => {
    const explanation = explainTokenRejection(attempt, {
      code: 'InvalidIdentityToken',
      message: "Specified provider doesn't exist (Service: AWSOpenIdDiscoveryService; Status Code: 400)",
      attempts: 1
    })
    expect(explanation?.message).toContain('create-open-id-connect-provider')
  })

  it('names the audience input when the provider does not list the audience', () => {
    const explanation = explainTokenRejection(attempt, {
      code: 'InvalidIdentityToken',
      message: 'Incorrect token audience',
      attempts: 1
    })
    expect(explanation?.message).toContain('set the audience input')
  })

  it('tells a token file user to refresh an expired token', () => {
    const explanation = explainTokenRejection(
      { ...attempt, tokenSource: 'web-identity-token-file' },
      { code: 'ExpiredTokenException', message: 'Token expired', attempts: 1 }
    )
    expect(explanation?.message).toContain('Write a fresh token to web-identity-token-file')
  })

  it('leaves codes it does not know to the general diagnosis', () => {
    expect(
      explainTokenRejection(attempt, { code: 'Throttling', message: 'Rate exceeded', attempts: 5 })
    ).toBeUndefined()
  })

  it('says the issuer could not be reached, and how often it was tried', () => {
    const explanation = explainTokenRejection(attempt, {
      code: 'IDPCommunicationError',
      message: 'idp down',
      attempts: 5
    })
    expect(explanation?.message).toContain(
      'AWS could not reach https://token.actions.githubusercontent.com to verify the token after 5 attempts'
    )
  })
})
