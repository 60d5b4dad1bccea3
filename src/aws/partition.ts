// SDK-free: the entry chunk reads the default OIDC audience, and messages build ARNs, without the SDK.

/** An AWS partition: `aws`, `aws-cn`, `aws-us-gov` (and the isolated ones, `aws-iso`, …). */
export type Partition = string

const ARN_PARTITION = /^arn:(aws(?:-[a-z]+)*):/

/** Region prefixes of the partitions other than `aws`, longest first. */
const REGION_PARTITIONS: readonly (readonly [RegExp, Partition])[] = [
  [/^cn-/, 'aws-cn'],
  [/^us-gov-/, 'aws-us-gov'],
  [/^us-isob-/, 'aws-iso-b'],
  [/^us-iso-/, 'aws-iso'],
  [/^eu-isoe-/, 'aws-iso-e'],
  [/^us-isof-/, 'aws-iso-f'],
  [/^eusc-/, 'aws-eusc']
]

/** The partition an ARN names (`arn:aws-us-gov:…` → `aws-us-gov`), or undefined for anything else. */
export function partitionOfArn(arn: string | undefined): Partition | undefined {
  return arn === undefined ? undefined : ARN_PARTITION.exec(arn)?.[1]
}

/** The partition a region belongs to: credentials of one partition only work in its own regions. */
export function partitionOfRegion(region: string): Partition {
  return REGION_PARTITIONS.find(([prefix]) => prefix.test(region))?.[1] ?? 'aws'
}

/**
 * The partition of the identity the action works with: its ARN's when known (from GetCallerIdentity or
 * the assume call), else the region's.
 */
export function partitionOf(arn: string | undefined, region: string): Partition {
  return partitionOfArn(arn) ?? partitionOfRegion(region)
}

/** The IAM resource "the caller's own user": self-service statements (key age, rotation) grant on it. */
export function ownUserResource(partition: Partition): string {
  return `arn:${partition}:iam::*:user/\${aws:username}`
}

/** The STS host of a partition: the audience its IAM OIDC providers list as their client id. */
export function stsAudience(partition: Partition): string {
  return partition === 'aws-cn' ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com'
}

/** The audience GitHub's OIDC token is requested for when the audience input is empty. */
export function defaultAudience(region: string): string {
  return stsAudience(partitionOfRegion(region))
}
