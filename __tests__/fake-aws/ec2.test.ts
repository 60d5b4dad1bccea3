import { describe, expect, it } from '@jest/globals'
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { loadSeed, sdkConfig, seedKey } from '../../test/fake-aws/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const { fake } = useFakeAws(seed)

const ec2 = (key: { id: string; secret: string } = admin) => new EC2Client(sdkConfig(fake, key))

describe('DescribeRegions', () => {
  it('lists enabled regions only, unless AllRegions', async () => {
    const enabled = await ec2().send(new DescribeRegionsCommand({}))
    expect(enabled.Regions?.map(r => r.RegionName)).toEqual([
      'us-east-1',
      'us-west-2',
      'eu-west-1',
      'eu-central-1',
      'af-south-1'
    ])
    expect(enabled.Regions?.[0]).toEqual({
      RegionName: 'us-east-1',
      Endpoint: 'ec2.us-east-1.amazonaws.com',
      OptInStatus: 'opt-in-not-required'
    })
    const all = await ec2().send(new DescribeRegionsCommand({ AllRegions: true }))
    expect(all.Regions?.find(r => r.RegionName === 'ap-east-1')?.OptInStatus).toBe('not-opted-in')
  })

  it('filters by region name and opt-in status', async () => {
    const named = await ec2().send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1'] }))
    expect(named.Regions?.map(r => r.RegionName)).toEqual(['eu-west-1'])
    const optedIn = await ec2().send(
      new DescribeRegionsCommand({ Filters: [{ Name: 'opt-in-status', Values: ['opted-in'] }] })
    )
    expect(optedIn.Regions?.map(r => r.RegionName)).toEqual(['af-south-1'])
  })

  it("answers a denial in EC2's own error shape (UnauthorizedOperation)", async () => {
    await expect(ec2(seedKey(seed, 'reader')).send(new DescribeRegionsCommand({}))).rejects.toMatchObject({
      name: 'UnauthorizedOperation',
      message:
        'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/reader is not authorized to perform: ec2:DescribeRegions because no identity-based policy allows the ec2:DescribeRegions action',
      $metadata: { httpStatusCode: 403 }
    })
  })

  it('answers AuthFailure for an unknown key and SignatureDoesNotMatch for a wrong secret', async () => {
    await expect(
      ec2({ id: 'AKIAUNKNOWNKEY000001', secret: admin.secret }).send(new DescribeRegionsCommand({}))
    ).rejects.toMatchObject({
      name: 'AuthFailure',
      $metadata: { httpStatusCode: 401 }
    })
    await expect(
      ec2({ id: admin.id, secret: `${admin.secret}x` }).send(new DescribeRegionsCommand({}))
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch'
    })
  })

  it('sends the EC2 error document shape', async () => {
    const response = await fetch(fake.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeRegions&Version=2016-11-15'
    })
    const body = await response.text()
    expect(body).toMatch(
      /<Response><Errors><Error><Code>AuthFailure<\/Code><Message>[^<]+<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/
    )
  })
})
