// The shipped organization audit: the matrix workflow and the member-account role template, checked
// against GitHub's workflow schema, the action's and the sub-action's real inputs and outputs, and the
// permissions the audit really uses.
import { describe, expect, it } from '@jest/globals'
import { validateWorkflow } from '@action-validator/core'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { API_ACTIONS } from '../src/audit/api-inventory.js'
import { REPORT_STATEMENT } from '../src/audit/collect-inventory.js'
import { AUDIT_ROLE_ACTIONS } from '../test/fake-aws/index.js'

interface Step {
  id?: string
  if?: string
  uses?: string
  with?: Record<string, unknown>
}
interface Job {
  if?: string
  needs?: string
  permissions?: Record<string, string>
  strategy?: { 'max-parallel'?: number; 'fail-fast'?: boolean; matrix?: { shard?: number[] } }
  steps: Step[]
}
interface ActionYml {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}

const WORKFLOW_PATH = '.github/workflows/org-key-age-audit.yml'
const text = readFileSync(WORKFLOW_PATH, 'utf8')
const flow = parse(text) as {
  on: Record<string, unknown>
  permissions: Record<string, string>
  jobs: Record<string, Job>
}
const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml
const merge = parse(readFileSync('audit-merge/action.yml', 'utf8')) as ActionYml
const { audit: auditJob, merge: mergeJob } = flow.jobs as { audit: Job; merge: Job }
const auditStep = auditJob.steps.find(s => s.uses === './')!
const mergeStep = mergeJob.steps.find(s => s.uses === './audit-merge')!

describe('.github/workflows/org-key-age-audit.yml', () => {
  it('passes the workflow schema, which does catch a broken one', () => {
    expect(validateWorkflow(text).errors).toEqual([])
    expect(validateWorkflow(text.replace('max-parallel:', 'max_parallel:')).errors).not.toEqual([])
  })

  it('passes only declared inputs to the action and the sub-action, and reads only their outputs', () => {
    for (const input of Object.keys(auditStep.with ?? {})) expect(Object.keys(action.inputs)).toContain(input)
    for (const input of Object.keys(mergeStep.with ?? {})) expect(Object.keys(merge.inputs)).toContain(input)
    const outputsOf: Record<string, ActionYml> = { [auditStep.id!]: action, [mergeStep.id!]: merge }
    const reads = [...text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)]
    expect(reads.length).toBeGreaterThan(1)
    for (const [, id, output] of reads) expect(Object.keys(outputsOf[id!]!.outputs)).toContain(output)
  })

  it('audits one stable shard per matrix job, n taken from the matrix itself, a few at a time', () => {
    expect(flow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* [0-6]$/) }])
    expect(flow.on).toHaveProperty('workflow_dispatch')
    const shards = auditJob.strategy!.matrix!.shard!
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1))
    expect(auditJob.strategy).toMatchObject({ 'fail-fast': false, 'max-parallel': expect.any(Number) })
    expect(auditStep.with).toMatchObject({
      'audit-scope': 'organization',
      'audit-shard': '${{ matrix.shard }}/${{ strategy.job-total }}',
      'fail-on-findings': false,
      'report-path': expect.stringContaining('${{ matrix.shard }}')
    })
    // The shards need no issue access; only the merge writes the issue.
    expect(flow.permissions).toEqual({ 'id-token': 'write', contents: 'read' })
  })

  it('uploads every shard report and merges them all, also after a failed shard', () => {
    const upload = auditJob.steps.find(s => s.uses?.startsWith('actions/upload-artifact@'))!
    expect(upload.if).toContain('always()')
    expect(upload.with?.path).toBe(`\${{ steps.${auditStep.id}.outputs.report-path }}`)
    const name = String(upload.with?.name)
    expect(name).toContain('${{ matrix.shard }}')

    expect(mergeJob.needs).toBe('audit')
    expect(mergeJob.if).toContain('always()')
    expect(mergeJob.permissions).toEqual({ issues: 'write', contents: 'read' })
    const download = mergeJob.steps.find(s => s.uses?.startsWith('actions/download-artifact@'))!
    const pattern = String(download.with?.pattern)
    expect(name.replace('${{ matrix.shard }}', '7')).toMatch(new RegExp(`^${pattern.replace('*', '.*')}$`))
    expect(mergeStep.with).toMatchObject({ reports: download.with?.path, 'open-issue': true })
  })
})

describe('docs/org-audit-role.yml (the member-account role, a StackSet)', () => {
  const template = parse(readFileSync('docs/org-audit-role.yml', 'utf8')) as {
    Parameters: Record<string, { Default?: string }>
    Resources: {
      AuditRole: {
        Properties: {
          RoleName: unknown
          AssumeRolePolicyDocument: { Statement: { Action: string; Principal: unknown }[] }
          Policies: {
            PolicyDocument: { Statement: { Effect: string; Action: string[]; Resource: string }[] }
          }[]
        }
      }
    }
  }
  const role = template.Resources.AuditRole.Properties

  it('is named as audit-role-name defaults to', () => {
    expect(role.RoleName).toEqual({ Ref: 'RoleName' })
    expect(template.Parameters.RoleName!.Default).toBe(action.inputs['audit-role-name']!.default)
  })

  it('allows exactly what the account audit calls, read-only, and what the e2e seed grants', () => {
    const allowed = role.Policies.flatMap(p => p.PolicyDocument.Statement)
    expect(allowed.every(s => s.Effect === 'Allow' && s.Resource === '*')).toBe(true)
    const actions = allowed.flatMap(s => s.Action).sort()
    expect(actions).toEqual([...REPORT_STATEMENT.Action, ...API_ACTIONS, 'iam:GetAccountSummary'].sort())
    expect(actions).toEqual([...AUDIT_ROLE_ACTIONS].sort())
    expect(actions.every(a => /^iam:(Get|List|Generate)/.test(a))).toBe(true)
  })

  it('trusts only the auditor principal, for sts:AssumeRole', () => {
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: { Ref: 'AuditorPrincipalArn' } }, Action: 'sts:AssumeRole' }
    ])
  })
})
