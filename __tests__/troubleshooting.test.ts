import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  failureMessages,
  keyOf,
  searchableText,
  sourceFiles,
  templatePattern,
  undocumented,
  type FailureMessage
} from '../scripts/docs/failure-messages.js'
import { readSettings } from '../src/inputs/settings.js'

const ROOT = resolve('.')
const DEFAULT_RETRIES = /retry-max-attempts:[\s\S]*?default: '(\d+)'/.exec(
  readFileSync('action.yml', 'utf8')
)![1]
/** Where troubleshooting entries may live: the README and every page under docs/. */
const documents = [
  readFileSync('README.md', 'utf8'),
  ...readdirSync('docs', { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.md'))
    .map(name => readFileSync(join('docs', name), 'utf8'))
]
const messages = failureMessages(sourceFiles(join(ROOT, 'src')), ROOT)

/** What the lead reads when this fails: where each message is, and the text to quote. */
function report(missing: readonly FailureMessage[]): string {
  return missing
    .map(
      m =>
        `${m.where}: add an entry to README.md or docs/*.md quoting the whole message\n    message: ${m.shape}`
    )
    .join('\n')
}

describe('troubleshooting coverage', () => {
  it('every failure and warning message in src/ has an entry in README.md or docs/*.md', () => {
    const missing = undocumented(messages, documents)
    // An empty string when covered; otherwise the list of entries to write.
    expect(report(missing)).toBe('')
  })

  it('finds the messages the product is known for (the scan itself works)', () => {
    const keys = messages.map(m => m.key)
    for (const expected of [
      'AWS does not recognise',
      'The secret access key does not match',
      'role-to-assume needs a GitHub OIDC token, but this',
      'Create the IAM OIDC provider',
      'days old, past max-key-age-days',
      'was denied: the identity lacks',
      'The account audit could not read the IAM',
      'is only used together with role-to-assume'
    ]) {
      expect(keys).toContain(expected)
    }
    expect(messages.length).toBeGreaterThan(50)
  })
})

describe('retry-max-attempts as the docs state it', () => {
  const read = (value: string) => (name: string) =>
    ({ 'aws-region': 'eu-west-1', 'retry-max-attempts': value })[name] ?? ''
  const accepted = (n: number) => {
    try {
      readSettings(read(String(n)))
      return true
    } catch {
      return false
    }
  }
  const max = [...Array(1000).keys()]
    .map(i => i + 1)
    .filter(accepted)
    .pop()!

  it("every range or limit the docs give is the one the input accepts, and the default is action.yml's", () => {
    expect(accepted(max + 1)).toBe(false)
    const stated = documents.flatMap(doc =>
      [...doc.matchAll(/retry-max-attempts`?\s*\((?:up to |1[–-])(\d+)(?:[,;] default (\d+))?/g)].map(m => ({
        max: Number(m[1]),
        fallback: m[2]
      }))
    )
    expect(stated.length).toBeGreaterThanOrEqual(2)
    for (const claim of stated) {
      expect(claim.max).toBe(max)
      if (claim.fallback !== undefined) expect(claim.fallback).toBe(DEFAULT_RETRIES)
    }
  })
})

describe('scripts/docs/failure-messages', () => {
  function scan(source: string): FailureMessage[] {
    const dir = mkdtempSync(join(tmpdir(), 'failure-messages-'))
    writeFileSync(join(dir, 'sample.ts'), source)
    return failureMessages([join(dir, 'sample.ts')], dir)
  }

  it('picks up a new ActionError-like class, core.warning, diagnoses and check results', () => {
    const found = scan(`
      class ActionError extends Error { constructor(message: string) { super(message) } }
      class InputError extends Error { constructor(readonly input: string, detail: string) { super(detail) } }
      const where = 'the proxy'
      const kind = fast ? 'slow' : 'broken'
      throw new ActionError(\`Could not dial \${where} at \${host}: the tunnel is \${kind}.\`)
      throw new InputError('http-proxy', \`got '\${value}'. Expected a proxy URL like http://host:3128.\`)
      core.warning(\`Rotation left both keys active for user \${user}\`)
      const result = { kind: 'x', message: 'The merge found a duplicate shard ' + shard }
      const check = { status: ok ? 'pass' : 'fail', detail: ok ? 'fine' : \`\${n} regions, none usable here\` }
      throw new Error('an internal bug, not a message')
    `)
    expect(found.map(m => m.key)).toEqual([
      'Could not dial the proxy at',
      'Expected a proxy URL like http://host:3128',
      'Rotation left both keys active for user',
      'The merge found a duplicate shard',
      'fine',
      'regions, none usable here'
    ])
    expect(found[0]!.shape).toBe('Could not dial the proxy at …: the tunnel is slow.')
  })

  it('fails on an undocumented message and names it, and passes once an entry quotes it', () => {
    const [message] = scan(`throw new ActionError(\`Shard \${n} of \${total} is missing from the reports\`)
      class ActionError extends Error { constructor(message: string) { super(message) } }`)
    expect(message!.key).toBe('is missing from the reports')
    expect(undocumented([message!], ['# Troubleshooting\n- something else'])).toEqual([message])
    expect(undocumented([message!], ['- **`Shard N of M is missing from the reports`**: re-run it'])).toEqual(
      []
    )
  })

  it('demands the whole template: quoting only the first words, or a piece out of order, is not enough', () => {
    const [message] =
      scan(`throw new ActionError(\`HTTP \${status} from \${host}: the proxy refused the tunnel. Check no-proxy.\`)
      class ActionError extends Error { constructor(message: string) { super(message) } }`)
    expect(message!.shape).toBe('HTTP … from …: the proxy refused the tunnel. Check no-proxy.')
    expect(undocumented([message!], ['- **`HTTP …`** — a proxy problem'])).toEqual([message])
    expect(undocumented([message!], ['- **`HTTP N from HOST: the proxy refused the tunnel`**'])).toEqual([
      message
    ])
    expect(
      undocumented([message!], ['- **`Check no-proxy. HTTP N from HOST: the proxy refused the tunnel.`**'])
    ).toEqual([message])
    expect(
      undocumented(
        [message!],
        ['- **`HTTP 407 from proxy.example: the proxy refused the tunnel. Check no-proxy.`**']
      )
    ).toEqual([])
    expect(
      undocumented([message!], ['- **`HTTP … from …: the proxy refused the tunnel. Check no-proxy`** — fix'])
    ).toEqual([])
  })

  it('turns a template into a pattern with short placeholders, escaping the fixed text', () => {
    const pattern = templatePattern('Access key … is … days old (…, CIS 1.14). …')
    expect(pattern.test('Access key AKIA…XXXX is N days old (90, CIS 1.14)')).toBe(true)
    expect(pattern.test('Access key AKIA…XXXX is N days old (90, CIS 1x14)')).toBe(false)
    expect(pattern.test(`Access key ${'x'.repeat(400)} is N days old (90, CIS 1.14)`)).toBe(false)
  })

  it('keys a message on its first distinctive piece, cut to eight words', () => {
    expect(keyOf('Could not assume \u0000: AWS said no')).toBe('Could not assume')
    expect(
      keyOf('Could not assume \u0000. Create the IAM OIDC provider now', new Set(['Could not assume']))
    ).toBe('Create the IAM OIDC provider now')
    expect(keyOf('one two three four five six seven eight nine ten')).toBe(
      'one two three four five six seven eight'
    )
    expect(keyOf('\u0000: \u0000')).toBeUndefined()
  })

  it('matches markdown without its emphasis, code marks or table escapes', () => {
    expect(searchableText('**`a  b`** \\| c')).toBe('a b | c')
  })
})
