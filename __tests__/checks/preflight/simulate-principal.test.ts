import { describe, expect, it } from '@jest/globals'
import type { IamApi } from '../../../src/aws/clients.js'
import { simulatePrincipal } from '../../../src/checks/preflight/simulate-principal.js'

interface Input {
  ActionNames: string[]
  ResourceArns?: string[]
  MaxItems: number
  Marker?: string
}

/** An IAM client whose SimulatePrincipalPolicy answers from `decide`, `pageSize` results per page. */
function fakeIam(decide: (action: string, resource: string) => string, pageSize = 1000) {
  const calls: Input[] = []
  class SimulatePrincipalPolicyCommand {
    constructor(readonly input: Input) {}
  }
  const client = {
    async send(command: SimulatePrincipalPolicyCommand) {
      const input = command.input
      calls.push(input)
      const results = input.ActionNames.flatMap(action =>
        (input.ResourceArns ?? ['*']).map(resource => ({
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: decide(action, resource),
          MatchedStatements: [{ SourcePolicyId: 'p1' }]
        }))
      )
      const start = Number(input.Marker ?? 0)
      const next = start + Math.min(pageSize, input.MaxItems)
      return {
        EvaluationResults: results.slice(start, next),
        IsTruncated: next < results.length,
        Marker: next < results.length ? String(next) : undefined
      }
    }
  }
  return { iam: { client, sdk: { SimulatePrincipalPolicyCommand } } as unknown as IamApi, calls }
}

describe('simulatePrincipal', () => {
  it('answers every pair in the order asked, following pages', async () => {
    const { iam, calls } = fakeIam(
      (_action, resource) => (resource.endsWith('b') ? 'implicitDeny' : 'allowed'),
      2
    )
    const pairs = [
      { action: 's3:GetObject', resource: 'arn:aws:s3:::a' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::b' },
      { action: 's3:PutObject', resource: 'arn:aws:s3:::a' },
      { action: 's3:PutObject', resource: 'arn:aws:s3:::b' },
      { action: 'iam:ListUsers', resource: '*' }
    ]
    const evaluations = await simulatePrincipal(iam, 'arn:aws:iam::123456789012:user/u', pairs)
    expect(evaluations.map(e => [e.action, e.resource, e.decision])).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::a', 'allowed'],
      ['s3:GetObject', 'arn:aws:s3:::b', 'implicitDeny'],
      ['s3:PutObject', 'arn:aws:s3:::a', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::b', 'implicitDeny'],
      ['iam:ListUsers', '*', 'allowed']
    ])
    expect(evaluations[0]!.matched).toEqual(['p1'])
    // Two batches: the S3 pair set (4 results, 2 pages) and iam:ListUsers on * (ResourceArns omitted).
    expect(calls.map(c => [c.ActionNames.length, c.ResourceArns?.length, c.Marker, c.MaxItems])).toEqual(
      expect.arrayContaining([
        [2, 2, undefined, 1000],
        [2, 2, '2', 1000],
        [1, undefined, undefined, 1000]
      ])
    )
  })

  it('counts a pair IAM did not answer for as not allowed', async () => {
    const { iam } = fakeIam(() => 'allowed')
    const original = iam.client.send.bind(iam.client)
    ;(iam.client as unknown as { send: unknown }).send = async (command: never) => {
      const page = (await original(command)) as { EvaluationResults: unknown[] }
      return { ...page, EvaluationResults: [] }
    }
    const [evaluation] = await simulatePrincipal(iam, 'arn', [{ action: 's3:GetObject', resource: '*' }])
    expect(evaluation).toEqual({
      action: 's3:GetObject',
      resource: '*',
      decision: 'implicitDeny',
      matched: []
    })
  })
})
