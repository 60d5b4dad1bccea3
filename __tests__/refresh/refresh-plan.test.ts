import { describe, expect, it } from '@jest/globals'
import { buildPlan, chainSourceOf, routeEnvironment } from '../../src/refresh/refresh-plan.js'
import { childEnvironment } from '../../src/refresh/child-environment.js'
import { settingsWith } from '../../__fixtures__/read-inputs.js'

/** What the endpoint process runs with: its own environment. */
const RUN = {
  PATH: '/usr/bin',
  HOME: '/home/runner',
  RUNNER_TEMP: '/tmp/runner',
  RUNNER_TRACKING_ID: 'github_1b2c',
  NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9000',
  AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9001'
}
/** What its renewal route reads: handed over through the pipe. */
const ROUTE = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/?x=1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_SHA: 'abc',
  HTTPS_PROXY: 'http://user:password@proxy:3128'
}
/** Neither. */
const DROPPED = {
  'INPUT_AWS-SECRET-ACCESS-KEY': 'stored-secret',
  INPUT_ROLE_TO_ASSUME: 'arn:aws:iam::123456789012:role/deploy',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE000000001',
  AWS_SECRET_ACCESS_KEY: 'env-secret',
  AWS_SESSION_TOKEN: 'env-token',
  AWS_CONTAINER_AUTHORIZATION_TOKEN: 'earlier-endpoint-token',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token',
  GITHUB_TOKEN: 'ghs_token',
  NODE_OPTIONS: '--require /tmp/evil.js'
}
const JOB_ENV = { ...RUN, ...ROUTE, ...DROPPED }

describe('child-environment', () => {
  it('keeps how to run and where AWS is; drops inputs, credentials, runner tokens, proxies, NODE_OPTIONS', () => {
    expect(childEnvironment(JOB_ENV)).toEqual(RUN)
  })
})

describe('refresh-plan', () => {
  it('hands the route the GitHub context, the OIDC request and the proxies, through the pipe only', () => {
    expect(routeEnvironment(JOB_ENV)).toEqual(ROUTE)
  })

  it("role-chaining reads again what the step used: the exported keys, else an earlier step's endpoint", () => {
    expect(chainSourceOf(JOB_ENV)).toEqual({
      kind: 'keys',
      credentials: {
        accessKeyId: 'AKIAEXAMPLE000000001',
        secretAccessKey: 'env-secret',
        sessionToken: 'env-token'
      }
    })
    const url = 'http://127.0.0.1:4000/abc'
    expect(
      chainSourceOf({
        AWS_ACCESS_KEY_ID: '',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 't'
      })
    ).toEqual({ kind: 'endpoint', url, token: 't' })
    expect(chainSourceOf({})).toBeUndefined()
  })

  it('leaves the GitHub token out and carries the first session as epoch milliseconds', () => {
    const settings = settingsWith({ 'aws-region': 'eu-west-1', 'github-token': 'ghp_secret' })
    const expiration = new Date('2030-01-01T00:00:00Z')
    const plan = buildPlan(
      settings,
      {
        source: 'web-identity',
        credentials: { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiration }
      },
      JOB_ENV,
      { path: '/p', token: 'x' },
      '/tmp/status.json',
      1000
    )
    expect(plan.settings).not.toHaveProperty('githubToken')
    // Only what the renewal routes read crosses the pipe: no other concern's inputs.
    expect(plan.settings).toMatchObject({ region: 'eu-west-1', retryMaxAttempts: 12 })
    for (const other of ['rotateKey', 'rotateSecrets', 'checks', 'auditScope', 'awsProfile', 'reportPath']) {
      expect(plan.settings).not.toHaveProperty(other)
    }
    expect(plan.chainSource).toBeUndefined()
    expect(plan.first).toEqual({
      credentials: { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't' },
      obtainedAt: 1000,
      expiresAt: expiration.getTime()
    })
    // What crosses the pipe survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
  })

  it("role-chaining from the runner's own chain: renews with a profile's long-lived key, refuses metadata sessions", () => {
    const settings = settingsWith({ 'aws-region': 'eu-west-1' })
    const chained = (longLivedKey?: { accessKeyId: string; secretAccessKey: string }) => () =>
      buildPlan(
        settings,
        {
          source: 'role-chaining',
          credentials: {
            accessKeyId: 'ASIA1',
            secretAccessKey: 's',
            sessionToken: 't',
            expiration: new Date(1)
          },
          longLivedKey
        },
        {},
        { path: '/p', token: 'x' },
        '/s',
        0
      )
    const key = { accessKeyId: 'AKIAPROFILE000000001', secretAccessKey: 'profile-secret' }
    expect(chained(key)().chainSource).toEqual({ kind: 'keys', credentials: key })
    expect(chained()).toThrow("came from the runner's own provider chain")
  })

  it('refuses credentials it cannot renew', () => {
    expect(() =>
      buildPlan(
        settingsWith({ 'aws-region': 'eu-west-1' }),
        { source: 'stored-keys', credentials: { accessKeyId: 'AKIA', secretAccessKey: 's' } },
        {},
        { path: '/p', token: 'x' },
        '/s',
        0
      )
    ).toThrow('cannot renew credentials from stored-keys')
  })
})
