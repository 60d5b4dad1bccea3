import { describe, expect, it } from '@jest/globals'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam'
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2'
import {
  endpointVariant,
  expectedEndpoint,
  ignoredVariantSettings,
  type Service
} from '../../src/aws/expected-endpoint.js'

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }

/** The origin the SDK itself sends the call to: its request handler records it instead of sending. */
async function sdkOrigin(
  service: Service,
  region: string,
  env: Record<string, string> = {}
): Promise<string> {
  // The SDK reads the variant variables from the process environment, as it does in the action.
  Object.assign(process.env, env)
  try {
    return await recordedOrigin(service, region)
  } finally {
    for (const name of Object.keys(env)) delete process.env[name]
  }
}

async function recordedOrigin(service: Service, region: string): Promise<string> {
  let origin = ''
  const requestHandler = {
    handle: async (request: { protocol: string; hostname: string; port?: number }) => {
      origin = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`
      throw Object.assign(new Error('recorded'), { name: 'Recorded' })
    }
  }
  const config = { region, credentials, requestHandler, maxAttempts: 1 }
  const send = {
    sts: () => new STSClient(config).send(new GetCallerIdentityCommand({})),
    iam: () => new IAMClient(config).send(new ListUsersCommand({})),
    ec2: () => new EC2Client(config).send(new DescribeRegionsCommand({}))
  }[service]
  await expect(send()).rejects.toThrow('recorded')
  return origin
}

describe('expected-endpoint.ts', () => {
  // The process env must not steer the SDK here (the runner harness never sets these for unit tests).
  const clean = !process.env.AWS_ENDPOINT_URL && !process.env.AWS_USE_FIPS_ENDPOINT

  it.each([
    ['sts', 'eu-west-1'],
    ['sts', 'us-east-1'],
    ['sts', 'ap-southeast-2'],
    ['sts', 'us-gov-west-1'],
    ['sts', 'cn-north-1'],
    ['iam', 'eu-west-1'],
    ['iam', 'us-gov-east-1'],
    ['iam', 'cn-northwest-1'],
    ['ec2', 'eu-central-1'],
    ['ec2', 'cn-north-1']
  ] as [Service, string][])('expects the endpoint the SDK resolves for %s in %s', async (service, region) => {
    expect(clean).toBe(true)
    expect(expectedEndpoint(service, region, {})).toBe(await sdkOrigin(service, region))
  })

  it('expects the regional STS endpoint, never the global one, in us-east-1 too', () => {
    expect(expectedEndpoint('sts', 'us-east-1', {})).toBe('https://sts.us-east-1.amazonaws.com')
  })

  it('follows AWS_ENDPOINT_URL and the per-service variable, as the SDK does', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566/', AWS_ENDPOINT_URL_IAM: 'https://iam.test:8443' }
    expect(expectedEndpoint('sts', 'eu-west-1', env)).toBe('http://127.0.0.1:4566')
    expect(expectedEndpoint('iam', 'eu-west-1', env)).toBe('https://iam.test:8443')
    expect(
      expectedEndpoint('sts', 'eu-west-1', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })
    ).toBe('https://sts.eu-west-1.amazonaws.com')
  })

  const FIPS = { AWS_USE_FIPS_ENDPOINT: 'true' }
  const DUAL = { AWS_USE_DUALSTACK_ENDPOINT: 'true' }
  const variants: [string, Record<string, string>][] = [
    ['FIPS', FIPS],
    ['dual-stack', DUAL],
    ['FIPS dual-stack', { ...FIPS, ...DUAL }],
    [
      "values the SDK ignores ('TRUE', '1')",
      { AWS_USE_FIPS_ENDPOINT: 'TRUE', AWS_USE_DUALSTACK_ENDPOINT: '1' }
    ]
  ]
  const cells = variants.flatMap(([variant, env]) =>
    ['us-east-1', 'ca-central-1', 'us-gov-west-1', 'us-gov-east-1', 'cn-north-1', 'cn-northwest-1'].flatMap(
      region => (['sts', 'iam', 'ec2'] as Service[]).map(service => [variant, service, region, env] as const)
    )
  )

  it.each(cells)(
    'expects the %s endpoint the SDK resolves for %s in %s',
    async (_v, service, region, env) => {
      expect(clean).toBe(true)
      expect(expectedEndpoint(service, region, env)).toBe(await sdkOrigin(service, region, env))
    }
  )

  it('expects sts-endpoint for STS, over AWS_ENDPOINT_URL_STS and the variants', () => {
    const env = { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', ...FIPS }
    expect(expectedEndpoint('sts', 'eu-west-1', env, 'https://sts.internal.example/')).toBe(
      'https://sts.internal.example'
    )
    expect(expectedEndpoint('iam', 'eu-west-1', env, 'https://sts.internal.example/')).toBe(
      'https://iam-fips.amazonaws.com'
    )
  })

  it('reads the variants as the SDK does, and names values it ignores', () => {
    expect(endpointVariant({ ...FIPS, AWS_USE_DUALSTACK_ENDPOINT: 'false' })).toEqual({
      fips: true,
      dualStack: false
    })
    expect(endpointVariant({ AWS_USE_FIPS_ENDPOINT: 'True' })).toEqual({ fips: false, dualStack: false })
    expect(
      ignoredVariantSettings({ AWS_USE_FIPS_ENDPOINT: 'True', AWS_USE_DUALSTACK_ENDPOINT: 'false' })
    ).toEqual(['AWS_USE_FIPS_ENDPOINT'])
    expect(ignoredVariantSettings({ ...FIPS, AWS_USE_DUALSTACK_ENDPOINT: '' })).toEqual([])
  })

  it('makes no guess where the SDK would use a partition it does not model', () => {
    expect(expectedEndpoint('sts', 'us-iso-east-1', {})).toBeUndefined()
    expect(expectedEndpoint('sts', 'eu-west-1', { AWS_ENDPOINT_URL: 'not a url' })).toBeUndefined()
  })
})
