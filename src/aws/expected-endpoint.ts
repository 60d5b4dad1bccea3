import { partitionOfRegion, type Partition } from './partition.js'

type Env = Readonly<Record<string, string | undefined>>

export type Service = 'sts' | 'iam' | 'ec2'

/** The endpoint variants the SDK takes from the job's environment. */
export interface EndpointVariant {
  readonly fips: boolean
  readonly dualStack: boolean
}

/**
 * AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT as the SDK reads them: only the exact value `true`
 * turns a variant on (`TRUE` or `1` are ignored, silently, by the SDK).
 */
export function endpointVariant(env: Env = process.env): EndpointVariant {
  return { fips: env.AWS_USE_FIPS_ENDPOINT === 'true', dualStack: env.AWS_USE_DUALSTACK_ENDPOINT === 'true' }
}

/** The variant variables set to something the SDK ignores, for a warning. */
export function ignoredVariantSettings(env: Env = process.env): string[] {
  return ['AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT'].filter(
    name => env[name] !== undefined && !['true', 'false', ''].includes(env[name]!)
  )
}

interface PartitionHosts {
  readonly suffix: string
  readonly dualStackSuffix: string
  /** FIPS is the standard regional endpoint (GovCloud's are FIPS validated). */
  readonly fipsIsStandard: boolean
  /** IAM is global: one host per partition and variant (plain, FIPS, dual-stack, both). */
  readonly iam: readonly [string, string, string, string]
}

/** What the SDK's endpoint rules resolve; __tests__/aws/expected-endpoint.test.ts compares every cell. */
const HOSTS: Readonly<Record<string, PartitionHosts>> = {
  aws: {
    suffix: 'amazonaws.com',
    dualStackSuffix: 'api.aws',
    fipsIsStandard: false,
    iam: ['iam.amazonaws.com', 'iam-fips.amazonaws.com', 'iam.global.api.aws', 'iam-fips.global.api.aws']
  },
  'aws-us-gov': {
    suffix: 'amazonaws.com',
    dualStackSuffix: 'api.aws',
    fipsIsStandard: true,
    iam: ['iam.us-gov.amazonaws.com', 'iam.us-gov.amazonaws.com', 'iam.us-gov.api.aws', 'iam.us-gov.api.aws']
  },
  'aws-cn': {
    suffix: 'amazonaws.com.cn',
    dualStackSuffix: 'api.amazonwebservices.com.cn',
    fipsIsStandard: false,
    iam: [
      'iam.cn-north-1.amazonaws.com.cn',
      'iam-fips.amazonaws.com.cn',
      'iam.global.api.amazonwebservices.com.cn',
      'iam-fips.api.amazonwebservices.com.cn'
    ]
  }
}

const KNOWN_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/

/**
 * The origin the SDK will send a service's calls to, known before the SDK is loaded so connections to
 * it can be opened early (connections.ts): `sts-endpoint` for STS, else AWS_ENDPOINT_URL(_<SERVICE>),
 * else the region's endpoint in the FIPS / dual-stack variant the environment asks for. Only a hint: the
 * SDK still resolves every endpoint itself, and a wrong guess costs one unused connection. Undefined where
 * no guess is worth making (isolated partitions).
 */
export function expectedEndpoint(
  service: Service,
  region: string,
  env: Env = process.env,
  stsEndpoint?: string
): string | undefined {
  if (service === 'sts' && stsEndpoint !== undefined) return originOf(stsEndpoint)
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS !== 'true') {
    const configured = env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL
    if (configured) return originOf(configured)
  }
  const partition: Partition = partitionOfRegion(region)
  const hosts = HOSTS[partition]
  if (hosts === undefined || !KNOWN_REGION.test(region)) return undefined
  const { fips, dualStack } = endpointVariant(env)
  if (service === 'iam') return `https://${hosts.iam[(fips ? 1 : 0) + (dualStack ? 2 : 0)]}`
  // STS and EC2 are regional (the SDK's STS default is the regional endpoint, never the global one).
  const fipsLabel = fips && (dualStack || !hosts.fipsIsStandard) ? '-fips' : ''
  return `https://${service}${fipsLabel}.${region}.${dualStack ? hosts.dualStackSuffix : hosts.suffix}`
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
