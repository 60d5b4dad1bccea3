type Env = Readonly<Record<string, string | undefined>>

export type Service = 'sts' | 'iam' | 'ec2'

/**
 * The origin the SDK will send a service's calls to, known before the SDK is loaded so connections to
 * it can be opened early (connections.ts). Only a hint: the SDK still resolves every endpoint itself, and
 * a wrong guess costs one unused connection. Undefined where no guess is worth making (FIPS, dual-stack,
 * isolated partitions). __tests__/aws/expected-endpoint.test.ts compares it with what the SDK resolves.
 */
export function expectedEndpoint(
  service: Service,
  region: string,
  env: Env = process.env
): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS !== 'true') {
    const configured = env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL
    if (configured) return originOf(configured)
  }
  if (env.AWS_USE_FIPS_ENDPOINT === 'true' || env.AWS_USE_DUALSTACK_ENDPOINT === 'true') return undefined
  // STS and EC2 are regional (the SDK's STS default is the regional endpoint, never the global one).
  if (/^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/.test(region)) {
    return service === 'iam' ? 'https://iam.amazonaws.com' : `https://${service}.${region}.amazonaws.com`
  }
  if (/^us-gov-[a-z]+-\d+$/.test(region)) {
    return service === 'iam'
      ? 'https://iam.us-gov.amazonaws.com'
      : `https://${service}.${region}.amazonaws.com`
  }
  if (/^cn-[a-z]+-\d+$/.test(region)) {
    return service === 'iam'
      ? 'https://iam.cn-north-1.amazonaws.com.cn'
      : `https://${service}.${region}.amazonaws.com.cn`
  }
  return undefined
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
