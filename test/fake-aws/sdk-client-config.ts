// Client configuration for pointing a real AWS SDK v3 client at a fake endpoint (tests of the fake,
// and any test that needs to prepare state through the SDK).
import type { FakeAws } from './server.js'

export interface SdkCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export function sdkConfig(
  fake: FakeAws,
  credentials?: SdkCredentials | { id: string; secret: string },
  region = 'eu-west-1'
) {
  const resolved =
    credentials && 'id' in credentials
      ? { accessKeyId: credentials.id, secretAccessKey: credentials.secret }
      : credentials
  return {
    region,
    endpoint: fake.url,
    maxAttempts: 1,
    // An unsigned client (for AssumeRoleWithWebIdentity) gets credentials that are never used.
    credentials: resolved ?? { accessKeyId: 'UNUSED', secretAccessKey: 'UNUSED' }
  }
}
