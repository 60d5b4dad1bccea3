// Public surface of the fake AWS endpoint for tests, the demo and benchmarks.
export { startFakeAws, type FakeAws, type FakeAwsOptions } from './server.js'
export { loadSeed, seedKey, type Seed, type SeedUser, type SeedAccessKey, type SeedRole } from './seed.js'
export { generateLargeSeed, type LargeSeedOptions } from './large-seed.js'
export { countSequentialRoundTrips, type RequestLogEntry } from './request-log.js'
export type { Fault } from './faults.js'
export type { MintedSession } from './identity.js'
export { CREDENTIAL_REPORT_COLUMNS } from './credential-report.js'
export { sdkConfig, type SdkCredentials } from './sdk-client-config.js'
export {
  generateOrganizationSeed,
  memberAccountId,
  AUDIT_ROLE_ACTIONS,
  type OrganizationSeedOptions
} from './organization-seed.js'
export type { SeedMemberAccount, SeedOrganization } from './seed.js'
