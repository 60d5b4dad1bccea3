import { describe, expect, it } from '@jest/globals'
import {
  createEc2Client,
  createIamClient,
  createStsClient,
  type ClientOptions
} from '../../src/aws/clients.js'

const keys = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}
const options = (credentials = keys, more: Partial<ClientOptions> = {}): ClientOptions => ({
  region: 'eu-west-1',
  credentials,
  maxAttempts: 3,
  ...more
})

describe('clients.ts', () => {
  it('gives the checks one client per service for the same credentials (users and key-age share IAM)', async () => {
    const first = await createIamClient(options())
    const second = await createIamClient(options())
    expect(second.client).toBe(first.client)
    expect(createStsClient(options())).toBe(createStsClient(options()))
    expect((await createEc2Client(options())).client).toBe((await createEc2Client(options())).client)
  })

  it('never shares a client across credentials, regions, attempts or retry rules', async () => {
    const { client } = await createIamClient(options())
    const others = [
      options({ ...keys }),
      options(keys, { region: 'us-east-1' }),
      options(keys, { maxAttempts: 1 }),
      options(keys, { isTransient: () => true })
    ]
    for (const other of others) expect((await createIamClient(other)).client).not.toBe(client)
    const sts = createStsClient(options())
    expect(createStsClient(options(keys, { stsEndpoint: 'https://sts.eu-west-1.amazonaws.com' }))).not.toBe(
      sts
    )
  })
})
