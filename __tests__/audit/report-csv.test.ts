import { describe, expect, it } from '@jest/globals'
import { CredentialReportFormatError, parseCredentialReport } from '../../src/audit/report-csv.js'

// As GetCredentialReport returns it: AWS's column order and placeholders (N/A, no_information,
// not_supported), a root row, a user with two keys, one with an inactive key, one with none.
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated'
const REPORT = [
  HEADER,
  '<root_account>,arn:aws:iam::123456789012:root,2019-03-04T10:12:45+00:00,not_supported,2025-05-20T08:01:02+00:00,not_supported,not_supported,true,true,2020-01-15T09:00:00+00:00,2025-05-30T07:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2021-06-01T12:00:00+00:00,true,no_information,2021-06-01T12:00:00+00:00,N/A,true,true,2025-01-10T11:22:33+00:00,2025-05-31T23:59:59+00:00,eu-west-1,s3,true,2025-05-29T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A',
  'ci-bot,arn:aws:iam::123456789012:user/automation/ci-bot,2022-02-02T02:02:02+00:00,false,N/A,N/A,N/A,false,false,2022-02-02T02:03:00+00:00,2023-01-01T00:00:00+00:00,us-west-2,ec2,true,2024-11-11T11:11:11+00:00,N/A,N/A,N/A,false,N/A,false,N/A',
  'nokeys,arn:aws:iam::123456789012:user/nokeys,2023-03-03T03:03:03+00:00,true,2025-05-01T00:00:00+00:00,2023-03-03T03:03:03+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  ''
].join('\n')

describe('report-csv', () => {
  it('turns each filled key slot into a record, root included, and counts users without root', () => {
    const { users, keys } = parseCredentialReport(REPORT)
    expect(users).toBe(3)
    expect(keys).toEqual([
      {
        user: '<root_account>',
        root: true,
        keyLabel: 'key 1',
        active: true,
        createdAt: new Date('2020-01-15T09:00:00Z'),
        lastUsedAt: new Date('2025-05-30T07:00:00Z'),
        lastUsedService: 'iam'
      },
      {
        user: 'alice',
        root: false,
        keyLabel: 'key 1',
        active: true,
        createdAt: new Date('2025-01-10T11:22:33Z'),
        lastUsedAt: new Date('2025-05-31T23:59:59Z'),
        lastUsedService: 's3'
      },
      {
        user: 'alice',
        root: false,
        keyLabel: 'key 2',
        active: true,
        createdAt: new Date('2025-05-29T00:00:00Z')
      },
      {
        user: 'ci-bot',
        root: false,
        keyLabel: 'key 1',
        active: false,
        createdAt: new Date('2022-02-02T02:03:00Z'),
        lastUsedAt: new Date('2023-01-01T00:00:00Z'),
        lastUsedService: 'ec2'
      },
      {
        user: 'ci-bot',
        root: false,
        keyLabel: 'key 2',
        active: true,
        createdAt: new Date('2024-11-11T11:11:11Z')
      }
    ])
  })

  it('reads a report with a byte order mark and CRLF line ends', () => {
    const { users, keys } = parseCredentialReport(`\uFEFF${REPORT.replace(/\n/g, '\r\n')}`)
    expect(users).toBe(3)
    expect(keys).toHaveLength(5)
  })

  it('reads a quoted field as the library does', () => {
    const quoted = `${HEADER}\n"odd,name",arn,2023-03-03T03:03:03+00:00,false,N/A,N/A,N/A,false,true,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`
    expect(parseCredentialReport(quoted).keys[0].user).toBe('odd,name')
  })

  it('accepts a report of an account with no users', () => {
    expect(parseCredentialReport(`${HEADER}\n`)).toEqual({ users: 0, keys: [] })
  })

  it.each([
    ['an empty report', '', 'it is empty'],
    [
      'a report without the key columns',
      'user,arn\nalice,arn:aws:iam::123456789012:user/alice',
      'missing column(s) access_key_1_active'
    ],
    [
      'a date it cannot read',
      REPORT.replace('2025-01-10T11:22:33+00:00', 'last tuesday'),
      "access_key_1_last_rotated of user alice is 'last tuesday'"
    ]
  ])('rejects %s rather than hiding findings', (_case, csv, message) => {
    expect(() => parseCredentialReport(csv)).toThrow(CredentialReportFormatError)
    expect(() => parseCredentialReport(csv)).toThrow(message)
  })
})
