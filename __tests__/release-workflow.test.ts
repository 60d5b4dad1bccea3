// The repository's own workflows: schema-valid, and the release workflow's scripts do what they say
// when run for real (bash, git, a bare "origin"), so a release cannot move @v1 to the wrong place.
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { parse } from 'yaml'

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  needs?: string | string[]
  if?: string
  permissions?: Record<string, string>
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

const WORKFLOWS = readdirSync('.github/workflows').filter(name => /\.ya?ml$/.test(name))
const releaseYml = readFileSync('.github/workflows/release.yml', 'utf8')
const release = parse(releaseYml) as Workflow

function step(job: string, id: string): Step {
  const found = release.jobs[job]!.steps.find(s => s.id === id)
  if (!found?.run) throw new Error(`release.yml job ${job} has no run step with id ${id}`)
  return found
}

const scratch: string[] = []
afterAll(() => scratch.forEach(dir => rmSync(dir, { recursive: true, force: true })))

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aws-auth-check-release-'))
  scratch.push(dir)
  return dir
}

/** Git without the host's config, so a developer's settings cannot change the outcome. */
const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com'
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
  return result.stdout.trim()
}

/** Runs a `run:` script the way the runner runs bash steps: `bash --noprofile --norc -eo pipefail`. */
function runStep(script: string, cwd: string, env: Record<string, string>) {
  const file = join(tempDir(), 'step.sh')
  writeFileSync(file, script)
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
    cwd,
    env: { ...GIT_ENV, ...env },
    encoding: 'utf8'
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/**
 * A clone whose origin is a bare repository with one commit per version tag, as the release job's
 * `fetch-depth: 0` checkout sees it. Returns the clone, the origin and each tag's commit.
 */
function repositoryWithTags(tags: string[], majorTagAt?: string) {
  const origin = tempDir()
  git(origin, 'init', '--quiet', '--bare')
  const work = tempDir()
  git(work, 'init', '--quiet')
  const commits: Record<string, string> = {}
  for (const tag of tags) {
    git(work, 'commit', '--quiet', '--allow-empty', '-m', tag)
    git(work, 'tag', tag)
    commits[tag] = git(work, 'rev-parse', 'HEAD')
  }
  if (majorTagAt) git(work, 'tag', `v${majorTagAt.slice(1).split('.')[0]}`, majorTagAt)
  git(work, 'push', '--quiet', origin, 'HEAD:refs/heads/main', '--tags')
  const clone = tempDir()
  git(clone, 'clone', '--quiet', origin, '.')
  return { clone, origin, commits }
}

const tagIn = (origin: string, tag: string) =>
  git(origin, 'rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`)

describe('workflows', () => {
  it.each(WORKFLOWS)('%s passes @action-validator/core', name => {
    expect(validateWorkflow(readFileSync(join('.github/workflows', name), 'utf8')).errors).toEqual([])
  })

  it('the validator rejects a broken workflow, so the check above can catch a mistake', () => {
    for (const [from, to] of [
      ['contents: write #', 'contents: writable #'],
      ['needs: verify', 'needz: verify']
    ]) {
      const broken = releaseYml.replace(from!, to!)
      expect(broken).not.toBe(releaseYml)
      expect(validateWorkflow(broken).errors).not.toEqual([])
    }
  })
})

describe('release.yml', () => {
  it('runs when a release is published, read-only but for the tag job', () => {
    expect(release.on).toEqual({ release: { types: ['published'] } })
    expect(release.permissions).toEqual({ contents: 'read' })
    expect(release.jobs.verify!.permissions).toBeUndefined()
    expect(release.jobs['move-major-tag']!.permissions).toEqual({ contents: 'write' })
  })

  it('verifies dist/ is fresh and the tests pass before anything moves', () => {
    const runs = release.jobs.verify!.steps.map(s => s.run ?? '')
    const at = (command: string) => runs.findIndex(run => run.includes(command))
    expect(at('npm ci')).toBeGreaterThanOrEqual(0)
    expect(at('npm ci')).toBeLessThan(at('npm run check-dist'))
    expect(at('npm run check-dist')).toBeLessThan(at('npm test'))
    expect(release.jobs['move-major-tag']!.needs).toBe('verify')
  })

  it('is described in the README as what it runs, and only that', () => {
    const readme = readFileSync('README.md', 'utf8')
    const section = readme.slice(readme.indexOf('## Versions and pinning'), readme.indexOf('## Migrating'))
    const commands = release.jobs
      .verify!.steps.flatMap(s => (s.run ?? '').split(/\n|&&/))
      .map(line => line.trim())
      .filter(line => /^npm /.test(line))
    expect(commands.length).toBeGreaterThanOrEqual(4)
    for (const command of commands) expect(section).toContain(`\`${command}\``)
    // The release job runs neither the mutation check nor the other operating systems: not "the whole verification".
    expect(commands.join('\n')).not.toContain('test:mutants')
    expect(releaseYml).not.toMatch(/matrix|windows|macos/)
    expect(section).not.toMatch(/whole verification/i)
    expect(section).toMatch(/does not run the mutation check/)
  })

  it('never moves the major tag for a pre-release', () => {
    expect(release.jobs['move-major-tag']!.if).toBe('${{ !github.event.release.prerelease }}')
  })

  it('passes the tag name through env, never into a script as an expression', () => {
    for (const job of Object.values(release.jobs)) {
      for (const s of job.steps) expect(s.run ?? '').not.toContain('${{')
    }
    expect(step('move-major-tag', 'move').env).toEqual({ TAG: '${{ github.event.release.tag_name }}' })
  })

  it('checks out every tag before deciding where the major tag goes', () => {
    const checkout = release.jobs['move-major-tag']!.steps.find(s => s.uses?.startsWith('actions/checkout@'))
    expect(checkout?.with?.['fetch-depth']).toBe(0)
  })

  describe('the tag move', () => {
    const script = step('move-major-tag', 'move').run!

    it('points v1 at the newest release, moving it forward', () => {
      const { clone, origin, commits } = repositoryWithTags(['v1.0.0', 'v1.9.0', 'v1.10.0'], 'v1.9.0')
      const result = runStep(script, clone, { TAG: 'v1.10.0' })
      expect(result.status).toBe(0)
      expect(tagIn(origin, 'v1')).toBe(commits['v1.10.0'])
      expect(result.stdout).toContain('::notice::v1 now points at v1.10.0')
    })

    it('creates the major tag on the first release of a major', () => {
      const { clone, origin, commits } = repositoryWithTags(['v1.2.0', 'v2.0.0'], 'v1.2.0')
      expect(runStep(script, clone, { TAG: 'v2.0.0' }).status).toBe(0)
      expect(tagIn(origin, 'v2')).toBe(commits['v2.0.0'])
      expect(tagIn(origin, 'v1')).toBe(commits['v1.2.0'])
    })

    it('leaves v1 on a newer minor when a patch of an older one is released', () => {
      const { clone, origin, commits } = repositoryWithTags(['v1.3.0', 'v1.4.0', 'v1.3.1'], 'v1.4.0')
      const result = runStep(script, clone, { TAG: 'v1.3.1' })
      expect(result.status).toBe(0)
      expect(tagIn(origin, 'v1')).toBe(commits['v1.4.0'])
      expect(result.stdout).toContain('::notice::v1 stays on v1.4.0')
    })

    it('refuses a pre-release version that was not marked as a pre-release', () => {
      const { clone, origin, commits } = repositoryWithTags(['v1.4.0', 'v1.5.0-rc.1'], 'v1.4.0')
      const result = runStep(script, clone, { TAG: 'v1.5.0-rc.1' })
      expect(result.status).toBe(1)
      expect(result.stdout).toContain("::error::Release 'v1.5.0-rc.1' is not marked as a pre-release")
      expect(tagIn(origin, 'v1')).toBe(commits['v1.4.0'])
    })

    it('fails clearly when the tag is not in the checkout', () => {
      const { clone } = repositoryWithTags(['v1.0.0'])
      const result = runStep(script, clone, { TAG: 'v1.0.1' })
      expect(result.status).toBe(1)
      expect(result.stdout).toContain('::error::Tag v1.0.1 is not in the checkout')
    })
  })

  describe('the version agreement check', () => {
    const script = step('verify', 'versions').run!

    function project(version: string, changelogVersion: string): string {
      const dir = tempDir()
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version }))
      writeFileSync(
        join(dir, 'CHANGELOG.md'),
        `# Changelog\n\n## [Unreleased]\n\n## [${changelogVersion}] - 2026-11-30\n\n### Added\n\n- Things.\n`
      )
      return dir
    }

    it('passes when the tag, package.json and the changelog name one version', () => {
      expect(runStep(script, project('1.5.0-rc.1', '1.5.0-rc.1'), { TAG: 'v1.5.0-rc.1' }).status).toBe(0)
      expect(runStep(script, project('1.4.2', '1.4.2'), { TAG: 'v1.4.2' }).status).toBe(0)
    })

    it('passes for this commit as v<package.json version>, and the tag move then creates or moves the major tag', () => {
      const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
      expect(version).toBe('1.0.0')
      expect(runStep(script, process.cwd(), { TAG: `v${version}` }).status).toBe(0)
      const { clone, origin, commits } = repositoryWithTags(['v0.1.0', `v${version}`])
      expect(runStep(step('move-major-tag', 'move').run!, clone, { TAG: `v${version}` }).status).toBe(0)
      expect(tagIn(origin, 'v1')).toBe(commits[`v${version}`])
    })

    it.each([
      [
        'a tag that is not a version',
        '1.4.2',
        '1.4.2',
        'release-1',
        "Release tag 'release-1' is not a version"
      ],
      ['package.json behind the tag', '1.4.1', '1.4.2', 'v1.4.2', 'package.json says version 1.4.1'],
      ['no changelog section', '1.4.2', '1.4.1', 'v1.4.2', "CHANGELOG.md has no '## [1.4.2]' section"]
    ])('fails on %s', (_case, pkg, changelog, tag, message) => {
      const result = runStep(script, project(pkg, changelog), { TAG: tag })
      expect(result.status).toBe(1)
      expect(result.stdout).toContain(`::error::${message}`)
    })
  })
})

describe('dependabot.yml', () => {
  const config = parse(readFileSync('.github/dependabot.yml', 'utf8')) as {
    version: number
    updates: {
      'package-ecosystem': string
      directory: string
      schedule: { interval: string }
      groups?: Record<string, unknown>
      ignore?: { 'dependency-name': string; 'update-types'?: string[]; versions?: string[] }[]
    }[]
  }

  it('updates npm packages and workflow actions weekly, in groups', () => {
    expect(config.version).toBe(2)
    expect(config.updates.map(u => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    for (const update of config.updates) {
      expect(update.directory).toBe('/')
      expect(update.schedule.interval).toBe('weekly')
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0)
    }
  })

  it('holds back only the major versions pinned on purpose, and only those', () => {
    const npm = config.updates.find(u => u['package-ecosystem'] === 'npm')!
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
      optionalDependencies?: Record<string, string>
    }
    const all = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies }
    for (const rule of npm.ignore ?? []) {
      expect(all[rule['dependency-name']]).toBeDefined()
      // Either a major held back, or versions above an exact pin (nock: later ones need node 22).
      if (rule.versions) expect(all[rule['dependency-name']]).toMatch(/^\d+\.\d+\.\d+$/)
      else expect(rule['update-types']).toEqual(['version-update:semver-major'])
    }
    expect(all.jest).toMatch(/^\^29\./)
  })
})
