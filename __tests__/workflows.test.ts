// The shipped workflows: valid for GitHub (action-validator's schema), wired to the action's real
// inputs and outputs (the README and docs link these files instead of copying them).
import { describe, expect, it } from '@jest/globals'
import { validateWorkflow } from '@action-validator/core'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { buildAuditReport, serializeReport } from '../src/audit/audit-report.js'
import { evaluateKeys } from '../src/audit/cis-rules.js'

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

interface Step {
  id?: string
  if?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  if?: string
  permissions?: Record<string, string>
  strategy?: { matrix?: Record<string, unknown> }
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

const actionYml = parse(read('action.yml')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const WORKFLOWS = ['key-age-audit.yml', 'verify.yml', 'rotate-keys.yml', 'migrate-to-oidc.yml']

function workflow(name: string): Workflow {
  return parse(read(`.github/workflows/${name}`)) as Workflow
}

/** A shipped workflow as a user of the published action writes it: no checkout, `uses:` the release. */
function asPublished(flow: Workflow): Workflow {
  const copy = structuredClone(flow)
  for (const job of Object.values(copy.jobs)) {
    job.steps = job.steps
      .filter(s => !s.uses?.startsWith('actions/checkout@'))
      .map(s => (s.uses === './' ? { ...s, uses: 'org/aws-auth-check@v1' } : s))
  }
  return copy
}

function actionSteps(flow: Workflow): Step[] {
  return Object.values(flow.jobs).flatMap(job => job.steps.filter(s => s.uses === './'))
}

describe('.github/workflows', () => {
  it.each(WORKFLOWS)('%s passes the workflow schema', name => {
    expect(validateWorkflow(read(`.github/workflows/${name}`)).errors).toEqual([])
  })

  it('the schema check does catch a broken workflow', () => {
    const broken = read('.github/workflows/verify.yml').replace('runs-on:', 'runs_on:')
    expect(validateWorkflow(broken).errors).not.toEqual([])
  })

  it.each(WORKFLOWS)('%s only passes inputs action.yml declares, and reads only outputs it sets', name => {
    const text = read(`.github/workflows/${name}`)
    for (const step of actionSteps(workflow(name))) {
      for (const input of Object.keys(step.with ?? {})) expect(Object.keys(actionYml.inputs)).toContain(input)
    }
    const ids = actionSteps(workflow(name)).map(s => s.id)
    // Outputs of other actions' steps (e.g. actions/create-github-app-token) are theirs to define.
    const otherIds = Object.values(workflow(name).jobs)
      .flatMap(job => job.steps)
      .filter(s => s.uses !== './' && s.uses !== undefined)
      .map(s => s.id)
    for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (otherIds.includes(id)) continue
      expect(ids).toContain(id)
      expect(Object.keys(actionYml.outputs)).toContain(output)
    }
  })

  it('key-age-audit.yml runs weekly and on demand, per account, with the least permissions', () => {
    const flow = workflow('key-age-audit.yml')
    expect(flow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* [0-6]$/) }])
    expect(flow.on).toHaveProperty('workflow_dispatch')
    expect(flow.permissions).toEqual({ 'id-token': 'write', issues: 'write', contents: 'read' })
    const job = flow.jobs.audit
    expect(job.strategy?.matrix).toEqual({ include: '${{ fromJSON(vars.AUDIT_ACCOUNTS) }}' })
    expect(job.if).toBe("vars.AUDIT_ACCOUNTS != ''")
    const [audit] = actionSteps(flow)
    expect(audit.with).toMatchObject({
      'role-to-assume': '${{ matrix.role }}',
      'allowed-account-ids': '${{ matrix.account }}',
      'audit-scope': 'account',
      'open-issue': true,
      'report-path': expect.stringContaining('${{ matrix.name }}')
    })
    const upload = job.steps.find(s => s.uses?.startsWith('actions/upload-artifact@'))
    expect(upload).toMatchObject({
      // The report matters most when findings failed the step.
      if: expect.stringContaining('always()'),
      with: {
        path: `\${{ steps.${audit.id}.outputs.report-path }}`,
        name: expect.stringContaining('${{ matrix.name }}')
      }
    })
  })

  it('migrate-to-oidc.yml plans, then applies behind an environment with the job token', () => {
    const flow = workflow('migrate-to-oidc.yml')
    expect(Object.keys(flow.on)).toEqual(['workflow_dispatch'])
    expect(flow.permissions).toEqual({ contents: 'read' })
    const { plan, apply } = flow.jobs as Record<string, Job & { needs?: string; environment?: string }>
    expect(actionSteps({ ...flow, jobs: { plan: plan! } })[0]!.with).toMatchObject({
      'migrate-to-oidc': 'plan'
    })
    expect(actionSteps({ ...flow, jobs: { apply: apply! } })[0]!.with).toMatchObject({
      'migrate-to-oidc': 'apply'
    })
    // Apply runs only after the plan, once a reviewer of the environment approves, with id-token: write.
    expect(apply).toMatchObject({ needs: 'plan', environment: 'aws-migration' })
    expect(apply!.permissions).toEqual({ 'id-token': 'write', contents: 'read' })
    expect(plan!.permissions).toBeUndefined()
    for (const step of [...plan!.steps, ...apply!.steps].filter(s => s.run))
      expect(step.run).not.toContain('${{')
  })

  it('rotate-keys.yml rotates weekly and on demand, never two at once, with a token that may write secrets', () => {
    const flow = workflow('rotate-keys.yml')
    expect(flow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* [0-6]$/) }])
    expect(flow.on).toHaveProperty('workflow_dispatch')
    expect((flow as { concurrency?: unknown }).concurrency).toEqual({
      group: expect.any(String),
      'cancel-in-progress': false
    })
    // The job token cannot write secrets and needs no more than read access here.
    expect(flow.permissions).toEqual({ contents: 'read' })
    const job = flow.jobs.rotate
    const app = job.steps.find(s => s.uses?.startsWith('actions/create-github-app-token@'))
    expect(app).toMatchObject({ id: 'app-token', with: { 'permission-secrets': 'write' } })
    const [rotate] = actionSteps(flow)
    expect(rotate.with).toMatchObject({
      'aws-access-key-id': '${{ secrets.AWS_ACCESS_KEY_ID }}',
      'aws-secret-access-key': '${{ secrets.AWS_SECRET_ACCESS_KEY }}',
      'rotate-key': expect.stringContaining('warned'),
      'rotate-secrets': 'AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY',
      'github-token': '${{ steps.app-token.outputs.token || secrets.ROTATION_TOKEN }}',
      'output-env-credentials': false
    })
    // The secrets it rewrites are the ones it reads the key from.
    const [idName, secretName] = String(rotate.with?.['rotate-secrets']).split(',')
    expect(rotate.with?.['aws-access-key-id']).toBe(`\${{ secrets.${idName} }}`)
    expect(rotate.with?.['aws-secret-access-key']).toBe(`\${{ secrets.${secretName} }}`)
    for (const step of job.steps.filter(s => s.run)) expect(step.run).not.toContain('${{')
  })

  it('docs/rotation.md shows rotate-keys.yml as a user of the published action writes it', () => {
    const blocks = [...read('docs/rotation.md').matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]!)
    const block = blocks.find(b => /^name: Rotate AWS keys$/m.test(b))
    expect(parse(block ?? 'null')).toEqual(asPublished(workflow('rotate-keys.yml')))
  })

  it('verify.yml lets a person choose region, role or stored-key set, and checks', () => {
    const flow = workflow('verify.yml')
    const dispatch = flow.on.workflow_dispatch as {
      inputs: Record<string, { type: string; options?: string[] }>
    }
    expect(Object.keys(dispatch.inputs)).toEqual(['aws-region', 'role-to-assume', 'secret-set', 'checks'])
    for (const option of dispatch.inputs.checks.options ?? []) {
      expect(option.split(',').every(c => ['identity', 'regions', 'users', 'key-age'].includes(c))).toBe(true)
    }
    expect(flow.permissions).toEqual({ 'id-token': 'write', contents: 'read' })
    const [verify] = actionSteps(flow)
    expect(verify.with).toMatchObject({
      'aws-region': '${{ inputs.aws-region }}',
      'role-to-assume': '${{ inputs.role-to-assume }}',
      'aws-access-key-id': expect.stringContaining(
        "secrets[format('{0}_AWS_ACCESS_KEY_ID', inputs.secret-set)]"
      ),
      checks: '${{ inputs.checks }}',
      'output-env-credentials': false
    })
    // Step outputs reach the shell through env, never spliced into the script (script injection).
    for (const step of flow.jobs.verify.steps.filter(s => s.run)) expect(step.run).not.toContain('${{')
  })
})

describe('docs/account-audit.md report format', () => {
  it('documents the keys and value types the audit report really has', () => {
    const json = /## Report format\n\n```json\n([\s\S]*?)```/.exec(read('docs/account-audit.md'))?.[1]
    const documented = JSON.parse(json ?? 'null') as Record<string, unknown>
    const now = new Date('2025-06-02T06:23:41Z')
    const inventory = {
      source: 'credential-report' as const,
      users: 1,
      keys: [
        {
          user: 'deploy-bot',
          root: false,
          keyLabel: 'key 1',
          active: true,
          createdAt: new Date('2025-02-10T00:00:00Z'),
          lastUsedAt: now
        }
      ],
      asOf: now,
      notes: ['generated']
    }
    const thresholds = { warnKeyAgeDays: 75, maxKeyAgeDays: 90, unusedKeyDays: 45 }
    const real = JSON.parse(
      serializeReport(
        buildAuditReport({
          inventory,
          findings: evaluateKeys(inventory, thresholds, now),
          account: '123456789012',
          thresholds,
          now
        })
      )
    ) as Record<string, unknown>
    expect(shape(documented)).toEqual(shape(real))
  })
})

/** Keys and value types, recursively (arrays by their first element), so values may differ. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return [shape(value[0])]
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
  }
  return value === null ? 'null' : typeof value
}
