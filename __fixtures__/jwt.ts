/** A JWT with these claims and a dummy signature: our code never checks signatures, AWS does. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${part(claims)}.c2lnbmF0dXJl`
}

/** The claims GitHub puts in a token for a push to main of octo-org/octo-repo, issued now. */
export function githubClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000)
  return {
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    aud: 'sts.amazonaws.com',
    iss: 'https://token.actions.githubusercontent.com',
    repository: 'octo-org/octo-repo',
    ref: 'refs/heads/main',
    job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    actor: 'octocat',
    iat: now - 5,
    nbf: now - 5,
    exp: now + 300,
    ...overrides
  }
}
