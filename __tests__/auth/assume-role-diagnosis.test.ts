import { describe, expect, it } from '@jest/globals'
import { explainAssumeRoleDenial } from '../../src/auth/assume-role-diagnosis.js'

const ROLE = 'arn:aws:iam::123456789012:role/ci-target'
const USER = 'arn:aws:iam::123456789012:user/ci-assumer'

function statements(details: readonly string[]): unknown[] {
  return details.filter(line => line.startsWith('{')).map(line => JSON.parse(line))
}

describe('assume-role-diagnosis.ts', () => {
  it('says who was refused and gives the trust and permission statements, with the external id', () => {
    const { message, details } = explainAssumeRoleDenial(
      { roleArn: ROLE, callerArn: USER, externalId: 'ext-42', tagged: true },
      `User: ${USER} is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`
    )
    expect(message).not.toContain('\n')
    expect(message).toContain(`Could not assume ${ROLE} as ${USER}: AWS denied sts:AssumeRole (AccessDenied)`)
    expect(statements(details)).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: USER },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'sts:ExternalId': 'ext-42' } }
      },
      { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: ROLE }
    ])
  })

  it('names the role behind a chained session as the principal, and asks for no tag permission untagged', () => {
    const { message, details } = explainAssumeRoleDenial(
      {
        roleArn: ROLE,
        callerArn: 'arn:aws:sts::123456789012:assumed-role/base/GitHubActions',
        tagged: false
      },
      'not authorized'
    )
    expect(message).toContain('as arn:aws:sts::123456789012:assumed-role/base/GitHubActions')
    expect(statements(details)[0]).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/base' },
      Action: 'sts:AssumeRole'
    })
    expect(details.join('\n')).toContain('set role-external-id')
  })

  it('offers role-skip-session-tagging when only the tags were refused', () => {
    const { message } = explainAssumeRoleDenial(
      { roleArn: ROLE, callerArn: USER, tagged: true },
      `User: ${USER} is not authorized to perform: sts:TagSession on resource: ${ROLE}`
    )
    expect(message).toContain('AWS denied sts:TagSession')
    expect(message).toContain('role-skip-session-tagging: true')
  })

  it('still gives the statements when the caller is unknown', () => {
    const { message } = explainAssumeRoleDenial({ roleArn: ROLE, tagged: false }, 'denied')
    expect(message).toContain('GetCallerIdentity failed')
    expect(message).toContain('"Principal":{"AWS":"<the caller ARN>"}')
  })
})
