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
import { readSettings } from '../src/inputs/settings.js'
import { credentialSource } from '../src/auth/credential-source.js'
import { githubPermissions } from '../src/rotation/permissions.js'
import type { SecretLocation } from '../src/rotation/secret-location.js'

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

describe('YAML snippets in README.md and docs/', () => {
  const PAGES = ['README.md', ...DOC_PAGES]
  const snippets = PAGES.flatMap(page =>
    codeBlocks(readFileSync(page, 'utf8'))
      .filter(block => block.lang === 'yaml' || block.lang === 'yml')
      .map(block => ({ page, code: block.code }))
  )

  /** Every `uses:` value anywhere in a parsed document. */
  function usesOf(value: unknown): string[] {
    if (Array.isArray(value)) return value.flatMap(usesOf)
    if (value === null || typeof value !== 'object') return []
    return Object.entries(value).flatMap(([key, inner]) =>
      key === 'uses' && typeof inner === 'string' ? [inner] : usesOf(inner)
    )
  }

  /** A whole workflow as it is; a list of steps inside a minimal one, so the validator checks the steps. */
  function asWorkflow(code: string, parsed: unknown): string | undefined {
    if (/^jobs:/m.test(code)) return code
    if (!Array.isArray(parsed) || !parsed.every(step => step && typeof step === 'object')) return undefined
    const steps = (parsed as Record<string, unknown>[]).some(step => 'uses' in step || 'run' in step)
    if (!steps) return undefined
    const indented = code.replace(/^/gm, '      ')
    return `on: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n${indented}`
  }

  it('every yaml block parses, and the workflows and step lists among them pass @action-validator/core', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5)
    let validated = 0
    for (const { page, code } of snippets) {
      let parsed: unknown
      expect(() => (parsed = parse(code) as unknown)).not.toThrow()
      const workflow = asWorkflow(code, parsed)
      if (workflow === undefined) continue
      validated++
      expect([page, validateWorkflow(workflow).errors]).toEqual([page, []])
    }
    expect(validated).toBeGreaterThanOrEqual(5)
  })

  it("no snippet uses a local action (`./`): it would not resolve in the reader's repository", () => {
    const uses = snippets.flatMap(({ page, code }) => usesOf(parse(code)).map(u => ({ page, uses: u })))
    expect(uses.filter(u => /aws-auth-check/.test(u.uses)).length).toBeGreaterThanOrEqual(5)
    for (const { page, uses: ref } of uses)
      expect([page, ref]).not.toEqual([page, expect.stringMatching(/^\.{1,2}\//)])
    for (const { page, uses: ref } of uses.filter(u => /aws-auth-check/.test(u.uses)))
      expect([page, ref]).toEqual([
        page,
        expect.stringMatching(/^org\/aws-auth-check(\/audit-merge)?@v1( |$)/)
      ])
  })

  it('the checks above catch a local action and a broken step', () => {
    expect(usesOf(parse('- uses: ./\n- uses: ./audit-merge\n'))).toEqual(['./', './audit-merge'])
    const broken = '- uses: org/aws-auth-check@v1\n  with: [not, a, map]\n'
    expect(validateWorkflow(asWorkflow(broken, parse(broken))!).errors).not.toEqual([])
  })

  it('a page that points at a shipped workflow using `./` says what to replace it with', () => {
    const local = readdirSync('.github/workflows')
      .filter(name =>
        /uses: \.\/(audit-merge)?\s*$/m.test(readFileSync(join('.github/workflows', name), 'utf8'))
      )
      .filter(name => name !== 'self-test.yml')
    expect(local.length).toBeGreaterThanOrEqual(3)
    const problems: string[] = []
    for (const page of PAGES) {
      const text = readFileSync(page, 'utf8')
      for (const name of local.filter(n => text.includes(`.github/workflows/${n}`))) {
        const workflow = readFileSync(join('.github/workflows', name), 'utf8')
        if (!text.includes('`uses: org/aws-auth-check@v1`'))
          problems.push(`${page} (${name}): no uses: org/…@v1`)
        if (
          workflow.includes('uses: ./audit-merge') &&
          !text.includes('`uses: org/aws-auth-check/audit-merge@v1`')
        )
          problems.push(`${page} (${name}): no uses: org/…/audit-merge@v1`)
        if (/as it is\b(?! published)/.test(text))
          problems.push(`${page}: says to take a workflow "as it is"`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('docs/rotation.md: the GitHub App token for each secret scope', () => {
  const rotation = readFileSync('docs/rotation.md', 'utf8')
  const tokenSteps = codeBlocks(underHeading(rotation, 'The token step for each `rotate-secret-scope`'))
    .filter(b => b.lang === 'yaml')
    .map(b => (parse(b.code) as { uses: string; with: Record<string, string> }[])[0]!)
  /** The create-github-app-token input for each permission name githubPermissions() prints. */
  const inputFor = (line: string) =>
    line.startsWith('organization ')
      ? 'permission-organization-secrets'
      : line.includes('"Environments"')
        ? 'permission-environments'
        : 'permission-secrets'
  const permissionsOf = (step: { with: Record<string, string> }) =>
    Object.keys(step.with).filter(k => k.startsWith('permission-'))

  it('has one snippet per scope, each minting from actions/create-github-app-token', () => {
    expect(tokenSteps).toHaveLength(4)
    for (const step of tokenSteps) expect(step.uses).toMatch(/^actions\/create-github-app-token@v\d+$/)
  })

  it.each<[string, number, SecretLocation]>([
    ['repository', 0, { kind: 'repository', owner: 'acme', repo: 'app' }],
    ['environment', 1, { kind: 'environment', owner: 'acme', repo: 'app', environment: 'production' }],
    ['organization', 2, { kind: 'organization', owner: 'acme' }]
  ])('the %s snippet grants the permission the dry run asks for, with write', (_scope, index, location) => {
    const step = tokenSteps[index]!
    const [needed] = githubPermissions([location])
    expect(permissionsOf(step)).toContain(inputFor(needed!))
    for (const name of permissionsOf(step)) expect(step.with[name]).toBe('write')
  })

  it('the organization snippet names the owner; the repository and environment ones do not widen the token', () => {
    expect(tokenSteps[2]!.with.owner).toBeDefined()
    expect(permissionsOf(tokenSteps[2]!)).toEqual(['permission-organization-secrets'])
    for (const step of tokenSteps.slice(0, 2)) {
      expect(step.with.owner).toBeUndefined()
      expect(step.with.repositories).toBeUndefined()
    }
  })

  it('the rotate-repositories snippet names the owner and every repository', () => {
    const step = tokenSteps[3]!
    expect(step.with.owner).toBeDefined()
    expect(step.with.repositories?.trim().split(/\s+/).length).toBeGreaterThanOrEqual(2)
    expect(permissionsOf(step)).toContain('permission-secrets')
  })
})

describe('README.md supported runners: when the default credential chain is read', () => {
  const section = underHeading(README, 'Supported runners')
  const none = {
    accessKeyId: undefined,
    roleToAssume: undefined,
    roleChaining: false,
    webIdentityTokenFile: undefined,
    forceSkipOidc: false
  }
  const role = { ...none, roleToAssume: 'arn:aws:iam::123456789012:role/deploy' }
  const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }

  it('no keys and no role: the runner credentials, as the README says', () => {
    expect(credentialSource(none, {})).toBe('runner-credentials')
    expect(credentialSource(none, oidc)).toBe('runner-credentials')
    expect(section).toMatch(
      /no `aws-access-key-id`, no `role-to-assume`, no `role-chaining`\*\*: the credentials the chain finds/
    )
  })

  it('role-to-assume: the chain without an OIDC token or with force-skip-oidc, OIDC otherwise', () => {
    expect(credentialSource(role, {})).toBe('runner-assume-role')
    expect(credentialSource({ ...role, forceSkipOidc: true }, oidc)).toBe('runner-assume-role')
    expect(credentialSource(role, oidc)).toBe('web-identity')
    expect(credentialSource({ ...role, webIdentityTokenFile: '/token' }, {})).toBe('web-identity-file')
    expect(section).toContain(
      'or with `force-skip-oidc: true`**: the role is\n  assumed with the credentials the chain finds'
    )
  })

  it('stored keys never read the chain, and the README no longer says the chain needs drop-in inputs', () => {
    expect(credentialSource({ ...none, accessKeyId: 'AKIA' }, {})).toBe('stored-keys')
    expect(credentialSource({ ...role, accessKeyId: 'AKIA' }, {})).toBe('assume-role')
    expect(section).toContain('With stored keys the chain is never read.')
    expect(section).not.toMatch(/not read unless/)
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
  /**
   * The inputs of aws-actions/configure-aws-credentials' action.yml (main, checked 2026-12-04). It has no
   * `skip-credential-validation`, and `aws-account-id` is an output there.
   */
  const UPSTREAM_INPUTS = [
    'aws-region',
    'aws-profile',
    'overwrite-aws-profile',
    'role-to-assume',
    'aws-access-key-id',
    'aws-secret-access-key',
    'aws-session-token',
    'web-identity-token-file',
    'role-chaining',
    'audience',
    'http-proxy',
    'no-proxy',
    'mask-aws-account-id',
    'role-duration-seconds',
    'role-external-id',
    'role-session-name',
    'role-skip-session-tagging',
    'transitive-tag-keys',
    'inline-session-policy',
    'managed-session-policies',
    'output-credentials',
    'output-env-credentials',
    'unset-current-credentials',
    'disable-retry',
    'retry-max-attempts',
    'special-characters-workaround',
    'use-existing-credentials',
    'allowed-account-ids',
    'force-skip-oidc',
    'action-timeout-s',
    'custom-tags',
    'sts-endpoint'
  ]
  const section = underHeading(README, 'Migrating from configure-aws-credentials')
  const rows = section
    .split('\n')
    .filter(line => /^\| `/.test(line))
    .filter(line => !/^\| `(identity|regions|users|key-age)` /.test(line))
    .map(line => {
      const [names, here] = line.split(' | ')
      return { names: [...names!.matchAll(/`([\w-]+)`/g)].map(m => m[1]!), here: here! }
    })
  const rowOf = (name: string) => rows.find(row => row.names.includes(name))

  it('has one row for each input of configure-aws-credentials, and only those, each declared here', () => {
    const named = rows.flatMap(row => row.names)
    expect([...named].sort()).toEqual([...UPSTREAM_INPUTS].sort())
    for (const name of named) expect([name, name in metadata.inputs]).toEqual([name, true])
  })

  it('marks in bold each input that is an error here without role-to-assume, and says so', () => {
    const alone: Record<string, string> = {
      'role-chaining': 'true',
      'role-external-id': 'ext-1',
      'web-identity-token-file': '/var/run/token',
      'inline-session-policy': '{"Version":"2012-10-17","Statement":[]}',
      'managed-session-policies': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'custom-tags': '{"Team":"web"}',
      'transitive-tag-keys': 'Team',
      'special-characters-workaround': 'true'
    }
    const read = (given: Record<string, string>) => (name: string) =>
      ({ 'aws-region': 'eu-west-1', ...given })[name] ?? ''
    expect(() => readSettings(read({}))).not.toThrow()
    for (const [name, value] of Object.entries(alone)) {
      expect(() => readSettings(read({ [name]: value }))).toThrow(/role-to-assume/)
      expect([name, rowOf(name)?.here]).toEqual([
        name,
        expect.stringContaining('**an error without `role-to-assume`**')
      ])
    }
    // The other inputs alone are not errors, so the table must not say they are.
    for (const row of rows.filter(r => r.here.includes('an error without `role-to-assume`')))
      for (const name of row.names) expect(Object.keys(alone)).toContain(name)
  })

  it('does not call force-skip-oidc "same": configure-aws-credentials throws without keys or a token file', () => {
    expect(rowOf('force-skip-oidc')?.here).toMatch(/^\*\*differs\*\*.*there it is an error/)
  })

  it('gives the upstream role-duration-seconds default as one hour for every source', () => {
    expect(rowOf('role-duration-seconds')?.here).toContain('3600 for every source')
    expect(section).not.toMatch(/6 hours/)
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

describe('claims the code backs', () => {
  /** Paragraphs and list items: a claim and the script that reproduces it must sit in the same one. */
  const blocksOf = (markdown: string) =>
    markdown
      .replace(/^```[\s\S]*?^```$/gm, '')
      .split(/\n(?=\s*- |\s*\d+\. )|\n\s*\n/)
      .map(block => block.replace(/\s+/g, ' ').trim())
      // A table belongs to the paragraph that introduces it.
      .reduce<string[]>((blocks, block) => {
        if (block.startsWith('|') && blocks.length > 0) blocks[blocks.length - 1] += ` ${block}`
        else blocks.push(block)
        return blocks
      }, [])
  const MEASURED = /\d(?:[\d,.]*\d)?\s?(?:ms|MB|KB|s)\b(?! \w+ (?:timeout|limit))|\d×/
  const REPRODUCED =
    /npm run (?:bench(?::\w+)?|demo)|__tests__\/[\w/.-]+\.test\.ts|docs\/performance\.md|performance\.md/

  it.each([['CHANGELOG.md'], ['CONTRIBUTING.md'], ['docs/organization-audit.md']])(
    '%s states a measured number only next to the script or test that reproduces it',
    file => {
      const unbacked = blocksOf(readFileSync(file, 'utf8')).filter(
        b => MEASURED.test(b) && !REPRODUCED.test(b)
      )
      expect(unbacked).toEqual([])
    }
  )

  it('the check above catches a bare number and accepts a named script', () => {
    expect(
      blocksOf('- It takes 7.2 s now.').filter(b => MEASURED.test(b) && !REPRODUCED.test(b))
    ).toHaveLength(1)
    expect(blocksOf('- It takes 7.2 s now (`npm run bench:org`).').filter(b => !REPRODUCED.test(b))).toEqual(
      []
    )
  })

  it('no document or source cites DESIGN.md or SPEC.md, which this repository does not have', () => {
    const files = [
      'README.md',
      'CONTRIBUTING.md',
      'CHANGELOG.md',
      'SECURITY.md',
      ...DOC_PAGES,
      ...['src', 'scripts']
        .flatMap(dir => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map(name => join(dir, name)))
        .filter(path => /\.(ts|mjs|md)$/.test(path) && !/mutants/.test(path))
    ]
    expect(readdirSync('.')).not.toContain('DESIGN.md')
    const citing = files.filter(file => /\bDESIGN\b|\bSPEC\b(?!IAL)/.test(readFileSync(file, 'utf8')))
    expect(citing).toEqual([])
  })

  it('drop-in.md states the black-hole limit the e2e test asserts', () => {
    const test = readFileSync('__tests__/e2e/black-hole.test.ts', 'utf8')
    const asserted = Number(/toBeLessThan\((\d+)_000\)/.exec(test)![1])
    const dropIn = readFileSync('docs/drop-in.md', 'utf8')
    expect(dropIn).toContain(`within ${asserted} s`)
    expect(dropIn).not.toMatch(/40–45 s/)
  })
})

describe('versions the docs tell users to pin', () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  const major = version.split('.')[0]!

  it('every reference to the action names the moving major tag, the release, or a commit', () => {
    // CHANGELOG.md is left out: its 0.1.0 entry names that release on purpose.
    for (const file of ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', ...DOC_PAGES]) {
      const text = readFileSync(file, 'utf8')
      for (const ref of text.matchAll(/aws-auth-check(?:\/audit-merge)?@([^\s`'")]+)/g))
        expect([file, ref[1]]).toEqual([
          file,
          expect.stringMatching(new RegExp(`^(v${major}|v${version.replace(/\./g, '\\.')}|<sha>)$`))
        ])
    }
  })

  it('the README names the current release and how to pin it or a commit', () => {
    const pinning = underHeading(README, 'Versions and pinning')
    expect(pinning).toContain(`The current release is \`v${version}\``)
    expect(pinning).toContain(`\`@v${version}\``)
    expect(pinning).toMatch(/40-character commit SHA/)
    expect(readFileSync('SECURITY.md', 'utf8')).toMatch(
      new RegExp(`@v${version.replace(/\./g, '\\.')}\` or a full commit SHA`)
    )
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
