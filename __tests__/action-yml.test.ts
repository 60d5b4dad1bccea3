import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { validateAction } from '@action-validator/core'
import { parse } from 'yaml'
import * as core from '../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { readSettings } = await import('../src/inputs/settings.js')
const { readMergeSettings } = await import('../src/inputs/merge-inputs.js')

interface ActionYml {
  name: string
  description: string
  author?: string
  branding?: { icon?: string; color?: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string; post?: string; 'post-if'?: string }
}

const ACTION_YML = readFileSync('action.yml', 'utf8')
const action = parse(ACTION_YML) as ActionYml
const declaredInputs = Object.keys(action.inputs).sort()
const declaredOutputs = Object.keys(action.outputs).sort()

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
    .map(entry => join(entry.parentPath, entry.name))
}
const SOURCES = sourceFiles('src').map(path => ({ path, text: readFileSync(path, 'utf8') }))

/**
 * @action-validator/core 0.6 ships a schema whose `runs.using` enum ends at node20, while the runner
 * has run node24 actions since 2025. The real value is checked separately below; everything else is
 * validated as written.
 */
function validateWithKnownRuntime(yml: string) {
  const runtime = /^ {2}using: 'node24'$/m
  expect(yml).toMatch(runtime)
  return validateAction(yml.replace(runtime, "  using: 'node20'")).errors
}

/** The audit-merge sub-action reads its own inputs, in one module. */
const MERGE_INPUTS = join('src', 'inputs', 'merge-inputs.ts')
/** The input reading modules: src/inputs/settings.ts composes one module per concern beside it. */
const INPUT_SOURCES = SOURCES.filter(s => s.path.startsWith(join('src', 'inputs')) && s.path !== MERGE_INPUTS)

/** Input names the input modules pass to their reader functions: `boolean(read, 'enforce-key-age', …)`. */
function inputsReadInSource(sources = INPUT_SOURCES): string[] {
  const text = sources.map(s => s.text).join('\n')
  return [...new Set([...text.matchAll(/\(\s*read\s*,\s*'([^']+)'/g)].map(m => m[1]!))].sort()
}

/** Every `core.setOutput(…)` in src/, with the literal name it sets (undefined when not a literal). */
function setOutputCalls(sources = SOURCES): { path: string; name?: string; call: string }[] {
  return sources.flatMap(({ path, text }) =>
    [...text.matchAll(/\bsetOutput\(\s*([^,)]*)/g)].map(m => ({
      path,
      name: /^'([^']+)'$/.exec(m[1]!.trim())?.[1],
      call: m[0]
    }))
  )
}

describe('action.yml', () => {
  it('passes @action-validator/core', () => {
    expect(validateWithKnownRuntime(ACTION_YML)).toEqual([])
  })

  it('fails validation when broken, so the check above can catch a mistake', () => {
    const noDescription = ACTION_YML.replace(/^ {4}description: 'Number of enabled regions.'\n/m, '')
    const badColor = ACTION_YML.replace("color: 'orange'", "color: 'pink'")
    const requiredAsText = ACTION_YML.replace('required: true', "required: 'yes'")
    for (const broken of [noDescription, badColor, requiredAsText]) {
      expect(broken).not.toBe(ACTION_YML)
      expect(validateWithKnownRuntime(broken)).not.toEqual([])
    }
  })

  it('runs the bundle with node24, and the post step always', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post.js',
      'post-if': 'always()'
    })
  })

  it('carries the Marketplace listing metadata', () => {
    expect(action.name).toMatch(/\S/)
    expect(action.author).toMatch(/\S/)
    // The Marketplace shows the description as the listing's one-line summary.
    expect(action.description.length).toBeGreaterThan(20)
    expect(action.description.length).toBeLessThanOrEqual(125)
    expect(action.branding?.icon).toBeTruthy()
    expect(action.branding?.color).toBeTruthy()
  })

  it('describes every input and output', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(spec.description.trim().length).toBeGreaterThan(10)
    }
  })

  it('makes only aws-region required', () => {
    expect(declaredInputs.filter(name => action.inputs[name]!.required)).toEqual(['aws-region'])
  })
})

describe('inputs declared in action.yml and read by src/inputs/', () => {
  it('the input modules pass exactly the declared input names to their readers', () => {
    const read = inputsReadInSource()
    expect(read.length).toBeGreaterThan(20)
    expect(read).toEqual(declaredInputs)
  })

  it('readSettings asks for exactly the declared inputs', () => {
    const asked = new Set<string>()
    const given: Record<string, string> = {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
      'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    }
    readSettings(name => {
      asked.add(name)
      return given[name] ?? ''
    })
    expect([...asked].sort()).toEqual(declaredInputs)
  })

  it("action.yml's defaults mean what the code assumes when an input is empty", () => {
    const given: Record<string, string> = {
      'aws-region': 'eu-west-1',
      'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
      'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    }
    // The runner evaluates `${{ github.token }}`; its value is not the code's to default.
    const withDefaults = readSettings(name =>
      name === 'github-token' ? '' : (given[name] ?? action.inputs[name]?.default ?? '')
    )
    const withoutDefaults = readSettings(name => given[name] ?? '')
    expect(withDefaults).toEqual(withoutDefaults)
    expect(declaredInputs.filter(name => action.inputs[name]!.default !== undefined).length).toBeGreaterThan(
      15
    )
  })

  it('github-token defaults to the job token', () => {
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}')
  })

  it('no module but the input reader reads inputs', () => {
    const readers = SOURCES.filter(({ text }) => /\bget(Boolean|Multiline)?Input\(/.test(text)).map(
      s => s.path
    )
    expect(readers).toEqual([join('src', 'inputs', 'read-input.ts')])
  })
})

describe('outputs declared in action.yml and set in src/', () => {
  let calls: ReturnType<typeof setOutputCalls>
  beforeAll(() => {
    calls = setOutputCalls()
  })

  it('every setOutput call names its output with a literal, so this check sees it', () => {
    expect(calls.length).toBeGreaterThan(10)
    expect(calls.filter(c => c.name === undefined).map(c => `${relative('.', c.path)}: ${c.call}`)).toEqual(
      []
    )
  })

  it('sets exactly the declared outputs', () => {
    const main = calls.filter(c => c.path !== MERGE_MAIN)
    expect([...new Set(main.map(c => c.name!))].sort()).toEqual(declaredOutputs)
  })
})

/** The merge's pipeline: its outputs are set there and by the shared report writer. */
const MERGE_MAIN = join('src', 'merge', 'run-merge.ts')
const MERGE_YML = readFileSync(join('audit-merge', 'action.yml'), 'utf8')
const mergeAction = parse(MERGE_YML) as ActionYml

describe('audit-merge/action.yml (the sub-action)', () => {
  it('passes @action-validator/core', () => {
    expect(validateWithKnownRuntime(MERGE_YML)).toEqual([])
  })

  it("runs the merge bundle, which the runner resolves from the sub-action's folder", () => {
    expect(mergeAction.runs).toEqual({ using: 'node24', main: '../dist/merge/index.js' })
    expect(join('audit-merge', mergeAction.runs.main)).toBe(join('dist', 'merge', 'index.js'))
    expect(readFileSync(join('scripts', 'bundle.mjs'), 'utf8')).toMatch(
      /build\('src\/merge\.ts'[\s\S]*join\('dist', 'merge'\)/
    )
  })

  it('describes every input and output, and requires only reports', () => {
    for (const spec of [...Object.values(mergeAction.inputs), ...Object.values(mergeAction.outputs)]) {
      expect(spec.description.trim().length).toBeGreaterThan(10)
    }
    const inputs = Object.keys(mergeAction.inputs)
    expect(inputs.filter(name => mergeAction.inputs[name]!.required)).toEqual(['reports'])
  })

  it('src/inputs/merge-inputs.ts reads exactly the declared inputs', () => {
    const declared = Object.keys(mergeAction.inputs).sort()
    expect(inputsReadInSource(SOURCES.filter(s => s.path === MERGE_INPUTS))).toEqual(declared)
    const asked = new Set<string>()
    readMergeSettings(name => {
      asked.add(name)
      return name === 'reports' ? 'shards' : ''
    })
    expect([...asked].sort()).toEqual(declared)
  })

  it('its defaults mean what the code assumes when an input is empty', () => {
    const given = (name: string) => (name === 'reports' ? 'shards' : '')
    const withDefaults = readMergeSettings(name =>
      name === 'github-token' ? '' : given(name) || (mergeAction.inputs[name]?.default ?? '')
    )
    expect(withDefaults).toEqual(readMergeSettings(given))
  })

  it('sets exactly the declared outputs', () => {
    const merge = setOutputCalls(SOURCES.filter(s => s.path === MERGE_MAIN))
    expect([...new Set(merge.map(c => c.name!))].sort()).toEqual(Object.keys(mergeAction.outputs).sort())
  })
})
