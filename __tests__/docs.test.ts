import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { parse } from 'yaml'
import {
  codeCell,
  inputsTable,
  outputsTable,
  parseActionMetadata,
  renderReadme,
  replaceSection,
  sectionOf,
  tableCell
} from '../scripts/docs/readme-tables.js'
import { regionsCheck } from '../src/checks/regions.js'
import { usersCheck } from '../src/checks/users.js'
import { keyAgeCheck } from '../src/checks/key-age.js'

const README_PATH = resolve('README.md')
const README = readFileSync(README_PATH, 'utf8')
const ACTION_YML = readFileSync('action.yml', 'utf8')
const metadata = parseActionMetadata(ACTION_YML)

/** The fenced code blocks of a markdown document, with their language. */
function codeBlocks(markdown: string): { lang: string; code: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(m => ({ lang: m[1]!, code: m[2]! }))
}

/** The markdown from a heading to the next heading of the same or a higher level. */
function underHeading(markdown: string, heading: string): string {
  const match = new RegExp(`^(#+) ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').exec(markdown)
  if (!match) throw new Error(`no heading '${heading}'`)
  const rest = markdown.slice(match.index + match[0].length)
  const next = new RegExp(`^#{1,${match[1]!.length}} `, 'm').exec(rest)
  return next ? rest.slice(0, next.index) : rest
}

interface WorkflowStep {
  uses?: string
  with?: Record<string, unknown>
}
interface Workflow {
  jobs: Record<string, { steps?: WorkflowStep[] }>
}

/** The README and the pages under docs/: every workflow and policy users copy lives in one of them. */
const DOC_PAGES = readdirSync('docs')
  .filter(name => name.endsWith('.md'))
  .map(name => join('docs', name))
const DOCS = [README, ...DOC_PAGES.map(page => readFileSync(page, 'utf8'))]

const workflows = DOCS.flatMap(codeBlocks)
  .filter(block => block.lang === 'yaml' && /^jobs:/m.test(block.code))
  .map(block => ({ source: block.code, workflow: parse(block.code) as Workflow }))

describe('README.md tables', () => {
  it('the inputs table is what `npm run docs` generates from action.yml', async () => {
    const generated = await renderReadme(README, ACTION_YML, README_PATH)
    expect(sectionOf(README, 'inputs')).toBe(sectionOf(generated, 'inputs'))
  })

  it('the outputs table is what `npm run docs` generates from action.yml', async () => {
    const generated = await renderReadme(README, ACTION_YML, README_PATH)
    expect(sectionOf(README, 'outputs')).toBe(sectionOf(generated, 'outputs'))
  })

  it('has a row for every input and output, defaults included', () => {
    const inputs = sectionOf(README, 'inputs')
    for (const [name, spec] of Object.entries(metadata.inputs)) {
      const row = inputs.split('\n').find(line => line.startsWith(`| \`${name}\` `))
      expect(row).toBeDefined()
      if (spec.default !== undefined) expect(row).toContain(`\`${spec.default}\``)
    }
    const outputs = sectionOf(README, 'outputs')
    for (const name of Object.keys(metadata.outputs)) expect(outputs).toContain(`| \`${name}\` `)
  })

  it('fails the drift check when action.yml changes', async () => {
    const changed = ACTION_YML.replace("default: '75'", "default: '60'")
    expect(changed).not.toBe(ACTION_YML)
    const generated = await renderReadme(README, changed, README_PATH)
    expect(sectionOf(generated, 'inputs')).not.toBe(sectionOf(README, 'inputs'))
  })
})

describe('scripts/docs/readme-tables.ts', () => {
  const sample = parseActionMetadata(`
inputs:
  region:
    description: 'Where | to go'
    required: true
  tries:
    description: >-
      How many
      times, <n>.
    default: 5
  flag:
    description: 'A flag'
outputs:
  status:
    description: 'ok | failed'
`)

  it('renders required inputs, defaults as code, and folded descriptions on one line', () => {
    expect(inputsTable(sample).split('\n')).toEqual([
      '| Input | Default | Description |',
      '| --- | --- | --- |',
      '| `region` | **required** | Where \\| to go |',
      '| `tries` | `5` | How many times, &lt;n>. |',
      '| `flag` |  | A flag |'
    ])
    expect(outputsTable(sample).split('\n')[2]).toBe('| `status` | ok \\| failed |')
  })

  it('escapes pipes in code spans but keeps < literal there', () => {
    expect(codeCell('a|b<c')).toBe('`a\\|b<c`')
    expect(codeCell('${{ x }}')).toBe('`${{ x }}`')
    expect(codeCell('say `hi`')).toBe('`` say `hi` ``')
    expect(tableCell('line\n  break')).toBe('line break')
  })

  it('replaces only the text between the markers', () => {
    const doc = 'before\n<!-- t:start -->\nold\n<!-- t:end -->\nafter\n'
    expect(replaceSection(doc, 't', 'new')).toBe('before\n<!-- t:start -->\n\nnew\n\n<!-- t:end -->\nafter\n')
    expect(replaceSection(replaceSection(doc, 't', 'new'), 't', 'new')).toBe(replaceSection(doc, 't', 'new'))
  })

  it('refuses a document whose markers are missing, doubled or reversed', () => {
    expect(() => replaceSection('no markers', 't', 'x')).toThrow('<!-- t:start -->')
    expect(() => replaceSection('<!-- t:start --><!-- t:start --><!-- t:end -->', 't', 'x')).toThrow(
      'exactly once'
    )
    expect(() => replaceSection('<!-- t:end --><!-- t:start -->', 't', 'x')).toThrow('comes before')
  })
})

describe('README.md workflows', () => {
  it.each([['GitHub OIDC (recommended)'], ['Stored access keys']])(
    '"%s" has a complete workflow',
    heading => {
      const section = underHeading(README, heading)
      expect(
        codeBlocks(section).some(b => b.lang === 'yaml' && /^on:/m.test(b.code) && /^jobs:/m.test(b.code))
      ).toBe(true)
    }
  )

  it.each([
    ['Scheduled account audit', '.github/workflows/key-age-audit.yml'],
    ['Verify on demand', '.github/workflows/verify.yml']
  ])('"%s" links the shipped workflow instead of repeating it', (heading, file) => {
    const section = underHeading(README, heading)
    expect(section).toContain(`](${file})`)
    expect(codeBlocks(section).filter(b => b.lang === 'yaml')).toEqual([])
    expect(readdirSync(dirname(file))).toContain(basename(file))
  })

  it('no workflow in the docs splices a step output into a run: script (use env:)', () => {
    for (const { workflow } of workflows) {
      for (const job of Object.values(workflow.jobs)) {
        for (const step of (job.steps ?? []) as { run?: string }[]) {
          expect(step.run ?? '').not.toMatch(/\$\{\{[^}]*steps\./)
        }
      }
    }
  })

  it('every workflow passes @action-validator/core', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(2)
    for (const { source } of workflows) expect(validateWorkflow(source).errors).toEqual([])
  })

  it('every step that uses this action gives only declared inputs, and the required ones', () => {
    const steps = workflows.flatMap(({ workflow }) =>
      Object.values(workflow.jobs).flatMap(job =>
        (job.steps ?? []).filter(s => /\/aws-auth-check@/.test(s.uses ?? ''))
      )
    )
    expect(steps.length).toBeGreaterThanOrEqual(2)
    const required = Object.entries(metadata.inputs)
      .filter(([, spec]) => spec.required)
      .map(([name]) => name)
    for (const step of steps) {
      const given = Object.keys(step.with ?? {})
      expect(given.filter(name => !(name in metadata.inputs))).toEqual([])
      expect(required.filter(name => !given.includes(name))).toEqual([])
    }
  })

  it('the OIDC workflows grant id-token: write', () => {
    for (const { workflow, source } of workflows) {
      const usesOidc = Object.values(workflow.jobs).some(job =>
        (job.steps ?? []).some(s => s.with?.['role-to-assume'] && !s.with?.['aws-access-key-id'])
      )
      if (usesOidc) expect(source).toMatch(/id-token: write/)
    }
  })
})

describe('permission and trust policies in docs/', () => {
  const page = (name: string) => readFileSync(join('docs', name), 'utf8')
  const policyIn = (file: string, heading: string) => {
    const json = codeBlocks(underHeading(page(file), heading)).find(b => b.lang === 'json')
    expect(json).toBeDefined()
    return JSON.parse(json!.code) as {
      Statement: { Effect: string; Action: string | string[]; Resource: string }[]
    }
  }
  const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat()

  it("the default checks policy allows exactly what the checks call, on the checks' resources", () => {
    const policy = policyIn('permissions.md', 'Default checks')
    const granted = policy.Statement.flatMap(s =>
      actionsOf(s).map(action => ({ action, resource: s.Resource }))
    )
    const needed = [regionsCheck, usersCheck, keyAgeCheck].map(check => ({
      action: check.action,
      // docs/permissions.md shows the commercial partition.
      resource: check.resource?.('aws') ?? '*'
    }))
    expect(granted.sort((a, b) => a.action.localeCompare(b.action))).toEqual(
      needed.sort((a, b) => a.action.localeCompare(b.action))
    )
    expect(policy.Statement.every(s => s.Effect === 'Allow')).toBe(true)
  })

  it('the audit policies name the credential report and the API fallback actions', () => {
    const audit = underHeading(page('account-audit.md'), 'How the keys are read')
    const statements = codeBlocks(audit)
      .filter(b => b.lang === 'json')
      .flatMap(b => (JSON.parse(b.code) as { Statement: { Action: string | string[] }[] }).Statement)
    const actions = statements.flatMap(actionsOf)
    for (const action of [
      'iam:GenerateCredentialReport',
      'iam:GetCredentialReport',
      'iam:ListUsers',
      'iam:ListAccessKeys',
      'iam:GetAccessKeyLastUsed'
    ]) {
      expect(actions).toContain(action)
    }
  })

  it('the trust policy admits GitHub tokens for one audience and subject', () => {
    const trust = policyIn('oidc.md', '2. Create the role with a trust policy') as unknown as {
      Statement: {
        Principal: { Federated: string }
        Action: string
        Condition: Record<string, Record<string, string | string[]>>
      }[]
    }
    const [statement] = trust.Statement
    expect(statement!.Action).toBe('sts:AssumeRoleWithWebIdentity')
    expect(statement!.Principal.Federated).toMatch(/:oidc-provider\/token\.actions\.githubusercontent\.com$/)
    expect(statement!.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com'
    })
    const subjects = [statement!.Condition.StringLike!['token.actions.githubusercontent.com:sub']!].flat()
    expect(subjects.length).toBeGreaterThan(0)
    // Each names one repository: a bare `*` would admit every repository on GitHub.
    for (const subject of subjects) expect(subject).toMatch(/^repo:[^:*]+\/[^:*]+:/)
  })

  it('the OIDC page shows both sub formats, each naming one repository', () => {
    const formats = codeBlocks(underHeading(page('oidc.md'), 'The `sub` claim: two formats')).find(
      b => b.lang === 'json'
    )
    const subjects = (JSON.parse(formats!.code) as { StringLike: Record<string, string[]> }).StringLike[
      'token.actions.githubusercontent.com:sub'
    ]!
    expect(subjects).toContainEqual(expect.stringMatching(/^repo:[\w.-]+\/[\w.-]+:ref:/))
    expect(subjects).toContainEqual(expect.stringMatching(/^repo:[\w.-]+-\d+\/[\w.-]+-\d+:ref:/))
  })

  it('every JSON block in the docs parses', () => {
    for (const block of DOCS.flatMap(codeBlocks).filter(b => b.lang === 'json')) {
      expect(() => JSON.parse(block.code) as unknown).not.toThrow()
    }
  })
})

describe('README.md migration from configure-aws-credentials', () => {
  /** Inputs of configure-aws-credentials that this action does not have, on purpose. */
  const NOT_HERE = ['skip-credential-validation', 'aws-account-id']
  const rows = underHeading(README, 'Migrating from configure-aws-credentials')
    .split('\n')
    .filter(line => /^\| `/.test(line))
    .filter(line => !/^\| `(identity|regions|users|key-age)` /.test(line))
    .map(line => {
      const [names, here] = line.split(' | ')
      return { names: [...names!.matchAll(/`([\w-]+)`/g)].map(m => m[1]!), here: here! }
    })

  it('lists every input it documents as declared in action.yml, or as not an input here', () => {
    const named = rows.flatMap(row => row.names)
    expect(named.length).toBeGreaterThanOrEqual(30)
    for (const row of rows) {
      for (const name of row.names) {
        if (NOT_HERE.includes(name)) {
          expect(row.here).toContain('not an input here')
          expect(metadata.inputs).not.toHaveProperty(name)
        } else {
          expect([name, name in metadata.inputs]).toEqual([name, true])
        }
      }
    }
  })

  it('describes the default of each input whose default it names as action.yml declares it', () => {
    for (const row of rows) {
      const stated = /default `([^`]+)`/.exec(row.here)?.[1] ?? /default (\d+)\b/.exec(row.here)?.[1]
      if (stated === undefined || row.names.length !== 1) continue
      expect([row.names[0], metadata.inputs[row.names[0]!]?.default]).toEqual([row.names[0], stated])
    }
  })
})

describe('README.md job summary example', () => {
  it('holds a summary the action wrote (checked against a fresh run by the e2e suite)', () => {
    const example = sectionOf(README, 'summary-example')
    expect(example).toMatch(/<h2>.*AWS credentials (verified|rejected)<\/h2>/)
    expect(example).toContain('<h3>Checks</h3>')
  })
})

/** The text of a `## heading` section, up to the next `## ` heading. */
function sectionBody(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}`)
  if (start < 0) throw new Error(`no section '${heading}'`)
  const next = markdown.indexOf('\n## ', start + 3)
  return markdown.slice(start, next < 0 ? undefined : next)
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '')
  return new Set([...text.matchAll(/^#+ (.+)$/gm)].map(m => anchorOf(m[1]!)))
}

describe('project documents', () => {
  it.each([
    ['README.md'],
    ['CONTRIBUTING.md'],
    ['SECURITY.md'],
    ['CHANGELOG.md'],
    ...DOC_PAGES.map(p => [p])
  ])('%s links only to files and headings that exist', file => {
    const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '')
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map(m => m[1]!).filter(l => !/^https?:/.test(l))
    for (const link of links) {
      const [path, anchor] = link.split('#') as [string, string | undefined]
      const target = path === '' ? file : join(dirname(file), path)
      const exists = readdirSync(resolve(dirname(target))).includes(basename(target))
      expect([link, exists]).toEqual([link, true])
      if (anchor !== undefined) expect(anchorsOf(target)).toContain(anchor)
    }
  })

  it('CHANGELOG.md keeps an Unreleased section on top, then dated version sections', () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8')
    const sections = [...changelog.matchAll(/^## (.+)$/gm)].map(m => m[1]!)
    expect(sections[0]).toBe('[Unreleased]')
    for (const section of sections.slice(1))
      expect(section).toMatch(/^\[\d+\.\d+\.\d+(-[\w.]+)?\] - \d{4}-\d{2}-\d{2}$/)
    // Unreleased may be empty right after a release; whatever it holds sits under a Keep a Changelog heading.
    const unreleased = sectionBody(changelog, '[Unreleased]')
    if (/^- /m.test(unreleased))
      expect(unreleased).toMatch(/^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/m)
  })

  it("CHANGELOG.md has a section for package.json's version, with entries under Keep a Changelog headings only", () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8')
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    const heading = [...changelog.matchAll(/^## (.+)$/gm)].map(m => m[1]!)[1]
    expect(heading).toMatch(new RegExp(`^\\[${version.replace(/\./g, '\\.')}\\] - `))
    const released = sectionBody(changelog, heading!)
    expect(released).toMatch(/^### Added$/m)
    expect(released).toMatch(/^- /m)
    for (const sub of changelog.matchAll(/^### (.+)$/gm))
      expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(sub[1])
    // The features of each wave are Added, not Fixed.
    const fixed = underHeading(released, 'Fixed')
    for (const feature of [
      'rotate-key',
      'force-skip-oidc',
      'http-proxy',
      'require-permissions',
      'migrate-to-oidc'
    ])
      expect([feature, fixed.includes(`\`${feature}\``)]).toEqual([feature, false])
  })
})
