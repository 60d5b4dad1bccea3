import { createEc2Client, clientOptions } from '../aws/clients.js'
import type { Check, CheckOutcome } from './check-result.js'

export interface RegionsData {
  /** Enabled region names, sorted. */
  readonly regions: readonly string[]
}

/** `aws ec2 describe-regions`: the regions enabled for the account, proving EC2 access. */
export const regionsCheck: Check<RegionsData> = {
  name: 'regions',
  action: 'ec2:DescribeRegions',
  signingKeyId: ({ obtained }) => obtained.credentials.accessKeyId,
  async run({ settings, obtained }): Promise<CheckOutcome<RegionsData>> {
    const { client: ec2, sdk } = await createEc2Client(clientOptions(settings, obtained.credentials))
    // Without AllRegions, EC2 answers with the regions enabled for the account only.
    const response = await ec2.send(new sdk.DescribeRegionsCommand({}))
    const regions = (response.Regions ?? [])
      .map(r => r.RegionName)
      .filter((name): name is string => name !== undefined)
      .sort()
    const enabledHere = regions.includes(settings.region)
    return {
      status: enabledHere ? 'pass' : 'warn',
      detail: enabledHere
        ? `${regions.length} regions enabled`
        : `${regions.length} regions enabled, but not ${settings.region}: enable it in the account (opt-in region) or change aws-region`,
      data: { regions }
    }
  }
}
