import { beforeEach, describe, expect, it } from '@jest/globals'
import { awsError } from '../../__fixtures__/aws-errors.js'
import { mockClient } from 'aws-sdk-client-mock'
import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam'
import {
  CredentialReportTimeout,
  fetchCredentialReport,
  type Clock
} from '../../src/audit/credential-report.js'
import * as sdk from '../../src/aws/iam-sdk.js'
import { IamCallError } from '../../src/audit/iam-call-error.js'

const iam = mockClient(IAMClient)
const client = { client: new IAMClient({ region: 'us-east-1' }), sdk }
const CSV = 'user,arn\n<root_account>,arn:aws:iam::123456789012:root\n'
const GENERATED = new Date('2025-06-01T10:00:00Z')

/** A clock that only moves when the code sleeps: polling runs instantly and its waits are recorded. */
function fakeClock(): Clock & { waits: number[] } {
  let now = 0
  const waits: number[] = []
  return {
    waits,
    now: () => now,
    sleep: async ms => {
      waits.push(ms)
      now += ms
    }
  }
}

describe('credential-report', () => {
  beforeEach(() => {
    iam.reset()
  })

  it('takes two calls when the report is already complete', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
    iam
      .on(GetCredentialReportCommand)
      .resolves({ Content: new TextEncoder().encode(CSV), GeneratedTime: GENERATED })
    const clock = fakeClock()
    const report = await fetchCredentialReport(client, { clock, timeoutMs: 60_000 })
    expect(report).toEqual({ csv: CSV, generatedAt: GENERATED })
    expect(iam.calls()).toHaveLength(2)
    expect(clock.waits).toEqual([])
  })

  it('polls with growing waits until AWS says COMPLETE', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .resolvesOnce({ State: 'INPROGRESS' })
      .resolvesOnce({ State: 'INPROGRESS' })
      .resolves({ State: 'COMPLETE' })
    iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(CSV) })
    const clock = fakeClock()
    const report = await fetchCredentialReport(client, { clock, timeoutMs: 60_000 })
    expect(report.csv).toBe(CSV)
    expect(report.generatedAt).toBeUndefined()
    expect(clock.waits).toEqual([500, 1000, 2000])
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(4)
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1)
  })

  it('caps the wait between polls', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' })
    const clock = fakeClock()
    await expect(fetchCredentialReport(client, { clock, timeoutMs: 40_000 })).rejects.toThrow(
      CredentialReportTimeout
    )
    expect(clock.waits).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000])
    expect(clock.waits.reduce((a, b) => a + b)).toBeLessThanOrEqual(40_000)
  })

  it('gives up within the time limit, saying the report was still being generated', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' })
    await expect(fetchCredentialReport(client, { clock: fakeClock(), timeoutMs: 3_000 })).rejects.toThrow(
      /still STARTED after 2 s\. AWS generates it asynchronously; re-run the audit in a few minutes/
    )
  })

  it('generates again when the report vanished between the two calls', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('ReportExpired', 410))
      .resolves({ Content: new TextEncoder().encode(CSV) })
    const clock = fakeClock()
    await expect(fetchCredentialReport(client, { clock, timeoutMs: 60_000 })).resolves.toMatchObject({
      csv: CSV
    })
    expect(clock.waits).toEqual([500])
  })

  it.each([
    ['GenerateCredentialReport', 'iam:GenerateCredentialReport'],
    ['GetCredentialReport', 'iam:GetCredentialReport']
  ])('tags a denied %s with its IAM action', async (call, action) => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' })
    const denied = awsError('AccessDenied', 403)
    if (call === 'GenerateCredentialReport') iam.on(GenerateCredentialReportCommand).rejects(denied)
    else iam.on(GetCredentialReportCommand).rejects(denied)
    const error = await fetchCredentialReport(client, { clock: fakeClock(), timeoutMs: 60_000 }).catch(e => e)
    expect(error).toBeInstanceOf(IamCallError)
    expect(error).toMatchObject({ action, cause: expect.objectContaining({ name: 'AccessDenied' }) })
  })
})
