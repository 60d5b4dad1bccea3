import { describe, expect, it } from '@jest/globals'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam'
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { expectedEndpoint, type Service } from '../../src/aws/expected-endpoint.js'

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }

/** The origin the SDK itself sends the call to: its request handler records it instead of sending. */
async function sdkOrigin(service: Service, region: string): Promise<string> {
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

  it('makes no guess where the SDK would use a variant it does not model', () => {
    expect(expectedEndpoint('sts', 'eu-west-1', { AWS_USE_FIPS_ENDPOINT: 'true' })).toBeUndefined()
    expect(expectedEndpoint('sts', 'us-iso-east-1', {})).toBeUndefined()
    expect(expectedEndpoint('sts', 'eu-west-1', { AWS_ENDPOINT_URL: 'not a url' })).toBeUndefined()
  })
})
