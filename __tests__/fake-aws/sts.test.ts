import { describe, expect, it } from '@jest/globals'
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient
} from '@aws-sdk/client-sts'
import { fromWebToken } from '@aws-sdk/credential-providers'
import { loadSeed, sdkConfig, seedKey, startFakeAws } from '../../test/fake-aws/index.js'
import { startTokenServer } from '../../test/oidc/token-server.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'
import { NodeSha256, sha256Hex } from '../../test/fake-aws/sigv4-verify.js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const assumer = seedKey(seed, 'ci-assumer')
const ACCOUNT = '123456789012'
const DEPLOY = `arn:aws:iam::${ACCOUNT}:role/deploy`
const CI_TARGET = `arn:aws:iam::${ACCOUNT}:role/ci-target`
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`

const { fake, tokens } = useFakeAws(seed, { oidc: true })

const sts = (credentials?: Parameters<typeof sdkConfig>[1]) => new STSClient(sdkConfig(fake, credentials))

describe('GetCallerIdentity', () => {
  it('answers with the user behind a correctly signed key', async () => {
    const id = await sts(admin).send(new GetCallerIdentityCommand({}))
    expect(id).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/admin` })
    expect(id.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/)
    expect(fake.requests).toEqual([
      expect.objectContaining({
        service: 'sts',
        action: 'GetCallerIdentity',
        status: 200,
        region: 'eu-west-1'
      })
    ])
  })

  it('rejects a wrong secret by recomputing the signature', async () => {
    const wrong = { id: admin.id, secret: admin.secret.replace(/^./, c => (c === 'A' ? 'B' : 'A')) }
    await expect(sts(wrong).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 }
    })
  })

  it('rejects a truncated secret', async () => {
    const truncated = { id: admin.id, secret: admin.secret.slice(0, -1) }
    await expect(sts(truncated).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch'
    })
  })

  it('rejects an unknown key id and an inactive key alike', async () => {
    const unknown = { id: 'AKIAUNKNOWNKEY000001', secret: admin.secret }
    await expect(sts(unknown).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.'
    })
    const inactive = seedKey(seed, 'departed')
    await expect(sts(inactive).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId'
    })
  })

  it('rejects a long-lived key sent with a session token', async () => {
    const withToken = { accessKeyId: admin.id, secretAccessKey: admin.secret, sessionToken: 'bogus' }
    await expect(sts(withToken).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId'
    })
  })

  it('needs no permission (the least-privilege reader can call it)', async () => {
    const reader = seedKey(seed, 'reader')
    await expect(sts(reader).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Arn: `arn:aws:iam::${ACCOUNT}:user/reader`
    })
  })

  it('rejects an unsigned call', async () => {
    const response = await fetch(fake.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    expect(response.status).toBe(403)
    expect(await response.text()).toMatch(
      /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/
    )
  })

  it('rejects a signature that does not sign host', async () => {
    const response = await fetch(fake.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-amz-date': new Date()
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, ''),
        authorization: `AWS4-HMAC-SHA256 Credential=${admin.id}/20260101/us-east-1/sts/aws4_request, SignedHeaders=x-amz-date, Signature=00`
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('<Code>IncompleteSignature</Code>')
  })

  it('rejects a signature dated more than 15 minutes away', async () => {
    const future = await startFakeAws(seed, { now: () => new Date(Date.now() + 20 * 60_000) })
    try {
      await expect(
        new STSClient(sdkConfig(future, admin)).send(new GetCallerIdentityCommand({}))
      ).rejects.toMatchObject({
        name: 'SignatureDoesNotMatch',
        message: expect.stringMatching(/^Signature expired/)
      })
    } finally {
      await future.close()
    }
  })
})

describe('payload signing (Query APIs sign the body)', () => {
  const IDENTITY = 'Action=GetCallerIdentity&Version=2011-06-15'
  const ASSUME = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(CI_TARGET)}&RoleSessionName=swap&ExternalId=octo-external-42`

  /** Signs `signedBody` as the SDK would, with x-amz-content-sha256 set to `payloadHash`, and sends `sentBody`. */
  async function send(signedBody: string, sentBody: string, payloadHash: string): Promise<Response> {
    const url = new URL(fake.url)
    const signer = new SignatureV4({
      credentials: { accessKeyId: assumer.id, secretAccessKey: assumer.secret },
      region: 'us-east-1',
      service: 'sts',
      sha256: NodeSha256
    })
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers: {
          host: url.host,
          'content-type': 'application/x-www-form-urlencoded',
          'x-amz-content-sha256': payloadHash
        },
        body: signedBody
      })
    )
    return fetch(fake.url, { method: 'POST', headers: signed.headers, body: sentBody })
  }

  it('accepts a body whose SHA-256 the signature covers', async () => {
    const response = await send(ASSUME, ASSUME, sha256Hex(Buffer.from(ASSUME)))
    expect(response.status).toBe(200)
    expect(fake.sessions.map(s => s.sessionName)).toEqual(['swap'])
  })

  it('rejects UNSIGNED-PAYLOAD, so a body cannot be swapped under a valid signature', async () => {
    const swapped = await send(IDENTITY, ASSUME, 'UNSIGNED-PAYLOAD')
    expect(swapped.status).toBe(403)
    expect(await swapped.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
    const unswapped = await send(ASSUME, ASSUME, 'UNSIGNED-PAYLOAD')
    expect(unswapped.status).toBe(403)
    expect(fake.sessions).toEqual([])
  })

  it('rejects a body that differs from the hash that was signed', async () => {
    const response = await send(IDENTITY, ASSUME, sha256Hex(Buffer.from(IDENTITY)))
    expect(response.status).toBe(403)
    expect(fake.sessions).toEqual([])
  })
})

describe('AssumeRole', () => {
  const assume = (input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) =>
    sts(assumer).send(
      new AssumeRoleCommand({
        RoleArn: CI_TARGET,
        RoleSessionName: 'GitHubActions',
        ExternalId: 'octo-external-42',
        ...input
      })
    )

  it('mints a real session that signs later calls and shows as the assumed role', async () => {
    const out = await assume({ Tags: [{ Key: 'Repository', Value: 'octo-org/octo-repo' }] })
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-target/GitHubActions`)
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/)
    expect(out.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 3500_000)
    const session = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!
    }
    await expect(sts(session).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci-target/GitHubActions`,
      UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:GitHubActions$/)
    })
    expect(fake.sessions).toEqual([
      expect.objectContaining({
        via: 'AssumeRole',
        externalId: 'octo-external-42',
        tags: [{ key: 'Repository', value: 'octo-org/octo-repo' }]
      })
    ])
  })

  it('fails the session with ExpiredToken once it expires, and a forged token as invalid', async () => {
    const out = await assume()
    const session = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!
    }
    await expect(
      sts({ ...session, sessionToken: 'forged' }).send(new GetCallerIdentityCommand({}))
    ).rejects.toMatchObject({
      name: 'InvalidClientTokenId'
    })
    fake.sessions[0]!.expiration = new Date(Date.now() - 1000)
    await expect(sts(session).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
      $metadata: { httpStatusCode: 403 }
    })
  })

  it('mints short sessions with sessionLifetimeMs, whatever DurationSeconds asked; reset() restores it', async () => {
    fake.sessionLifetimeMs = 3_000
    const before = Date.now()
    const out = await assume()
    expect(fake.sessions[0]!.expiration.getTime() - before).toBeGreaterThanOrEqual(3_000)
    expect(fake.sessions[0]!.expiration.getTime() - before).toBeLessThan(4_000)
    // STS writes the expiration to the second.
    expect(out.Credentials!.Expiration!.getTime()).toBe(
      Math.floor(fake.sessions[0]!.expiration.getTime() / 1000) * 1000
    )
    fake.reset()
    expect(fake.sessionLifetimeMs).toBeUndefined()
    await assume()
    expect(fake.sessions[0]!.expiration.getTime() - Date.now()).toBeGreaterThan(3_500_000)
  })

  it('honours a Deny statement for the caller over the Allow', async () => {
    fake.account.roles.get('ci-target')!.trustPolicy.Statement.push({
      Effect: 'Deny',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/ci-assumer` },
      Action: 'sts:AssumeRole'
    })
    await expect(assume()).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT}:user/ci-assumer is not authorized to perform: sts:AssumeRole on resource: ${CI_TARGET}`
    })
    expect(fake.sessions).toEqual([])
  })

  it('denies a wrong external id and an untrusted caller with the role in the message', async () => {
    await expect(assume({ ExternalId: 'guess' })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT}:user/ci-assumer is not authorized to perform: sts:AssumeRole on resource: ${CI_TARGET}`
    })
    await expect(
      sts(admin).send(
        new AssumeRoleCommand({ RoleArn: CI_TARGET, RoleSessionName: 'x1', ExternalId: 'octo-external-42' })
      )
    ).rejects.toMatchObject({ name: 'AccessDenied' })
  })

  it('validates session name, duration and tag values as STS does', async () => {
    await expect(assume({ DurationSeconds: 7200 })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    })
    await expect(assume({ RoleSessionName: 'has space' })).rejects.toMatchObject({ name: 'ValidationError' })
    await expect(assume({ Tags: [{ Key: 'Workflow', Value: 'deploy (prod) #1' }] })).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'tags.1.member.value'")
    })
  })
})

describe('AssumeRoleWithWebIdentity', () => {
  const exchange = (token: string, roleArn = DEPLOY) =>
    sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: 'gh',
        WebIdentityToken: token
      })
    )

  it('works unsigned through the SDK credential provider, and the session is usable', async () => {
    const provider = fromWebToken({
      roleArn: DEPLOY,
      webIdentityToken: tokens.mint(),
      roleSessionName: 'GitHubActions',
      clientConfig: { endpoint: fake.url, region: 'eu-west-1' }
    })
    const credentials = await provider()
    expect(credentials.accessKeyId).toMatch(/^ASIA/)
    await expect(sts(credentials).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`
    })
    const exchangeLog = fake.requests.find(r => r.action === 'AssumeRoleWithWebIdentity')
    expect(exchangeLog).toMatchObject({ accessKeyId: undefined, status: 200 })
  })

  it('returns the token subject, audience and provider', async () => {
    await expect(exchange(tokens.mint())).resolves.toMatchObject({
      SubjectFromWebIdentityToken: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      Audience: 'sts.amazonaws.com',
      Provider: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
    })
  })

  it("denies a subject the role's trust policy does not match", async () => {
    await expect(
      exchange(tokens.mint({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/feature' }))
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      $metadata: { httpStatusCode: 403 }
    })
  })

  it('accepts any ref through a StringLike wildcard', async () => {
    const token = tokens.mint({ sub: 'repo:octo-org/octo-repo:pull_request' })
    await expect(exchange(token, `arn:aws:iam::${ACCOUNT}:role/auditor`)).resolves.toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/auditor/gh` },
      SubjectFromWebIdentityToken: 'repo:octo-org/octo-repo:pull_request'
    })
    expect(fake.sessions.map(s => [s.roleName, s.webIdentityClaims?.sub])).toEqual([
      ['auditor', 'repo:octo-org/octo-repo:pull_request']
    ])
  })

  it('honours a Deny statement over the Allow, only where its Condition matches', async () => {
    fake.account.roles.get('auditor')!.trustPolicy.Statement.push({
      Effect: 'Deny',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:pull_request' }
      }
    })
    const auditor = `arn:aws:iam::${ACCOUNT}:role/auditor`
    await expect(
      exchange(tokens.mint({ sub: 'repo:octo-org/octo-repo:pull_request' }), auditor)
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    })
    await expect(exchange(tokens.mint(), auditor)).resolves.toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/auditor/gh` }
    })
  })

  it('rejects a wrong audience, an expired token and a token signed by another key', async () => {
    await expect(exchange(tokens.mint({ aud: 'https://github.com/octo-org' }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience'
    })
    const now = Math.floor(Date.now() / 1000)
    await expect(exchange(tokens.mint({ exp: now - 10 }))).rejects.toMatchObject({
      name: 'ExpiredTokenException'
    })
    const other = await startTokenServer()
    try {
      await expect(exchange(other.mint())).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' })
    } finally {
      await other.close()
    }
  })
})
