/** A role session as STS returns it from AssumeRole and AssumeRoleWithWebIdentity, for unit tests that mock STS. */
export const stsSession = {
  AccessKeyId: 'ASIAEXAMPLESESSION01',
  SecretAccessKey: 'session/secret/EXAMPLE',
  SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
  Expiration: new Date('2026-03-01T13:00:00Z')
}
