// aws-profile through the bundled action: main writes one profile into real shared files, a later
// process authenticates with it against the fake, and the post step puts every byte back.
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { loadSeed, seedKey } from '../../test/fake-aws/index.js'
import {
  assertNoSecretLeaks,
  createJob,
  NODE24,
  REPO_ROOT,
  runMain,
  runPost,
  type JobDirs,
  type RunResult
} from '../../test/runner/index.js'
import { useFakeAws } from '../../test/fake-aws/use-fake-aws.js'

const seed = loadSeed()
const admin = seedKey(seed, 'admin')
const stale = seedKey(seed, 'stale')
const { fake } = useFakeAws(seed)

// A self-hosted runner's real files: other profiles' secrets, comments, CRLF, a byte that is not
// UTF-8, no final newline, and a config with its own comments and an SSO session.
const OTHER_SECRET = 'personalSecretThatMustNeverLeak0000000000'
const CREDENTIALS = Buffer.concat([
  Buffer.from(
    `# laptop keys, do not commit\r\n[default]\r\naws_access_key_id = AKIAPERSONALKEY00001\r\naws_secret_access_key = ${OTHER_SECRET}\r\n\r\n`
  ),
  Buffer.from('; owner: J\xf6rg\r\n', 'latin1'),
  Buffer.from('[ staging ]\r\naws_access_key_id=AKIASTAGINGKEY000001\r\naws_secret_access_key=stagingSecret')
])
const CONFIG = Buffer.from(
  '[default]\nregion = us-east-1\n\n# SSO for humans\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n\n[profile ops]\nregion = ap-south-1\n'
)

const inputs = (extra: Record<string, string> = {}) => ({
  'aws-region': 'eu-west-1',
  'aws-access-key-id': admin.id,
  'aws-secret-access-key': admin.secret,
  'aws-profile': 'ci',
  'output-env-credentials': 'true',
  ...extra
})
const secrets = [admin.secret, OTHER_SECRET, 'stagingSecret']
const aws = (job: JobDirs, file: string) => join(job.home, '.aws', file)
const mode = (path: string) => statSync(path).mode & 0o777

function seedFiles(job: JobDirs): void {
  mkdirSync(join(job.home, '.aws'), { mode: 0o755 })
  writeFileSync(aws(job, 'credentials'), CREDENTIALS, { mode: 0o640 })
  writeFileSync(aws(job, 'config'), CONFIG, { mode: 0o644 })
}

function expectSeededFilesUntouched(job: JobDirs): void {
  expect(readFileSync(aws(job, 'credentials')).equals(CREDENTIALS)).toBe(true)
  expect(readFileSync(aws(job, 'config')).equals(CONFIG)).toBe(true)
  expect([mode(aws(job, 'credentials')), mode(aws(job, 'config'))]).toEqual([0o640, 0o644])
}

/** Everything in RUNNER_TEMP except the runner's own file-command files. */
function runnerTempLeftovers(job: JobDirs): string[] {
  return readdirSync(job.runnerTemp).filter(name => name !== '_runner_file_commands')
}

/**
 * A later step: a fresh node process with only HOME, AWS_PROFILE and the endpoint, so the SDK's own
 * default chain must find the credentials (and the region) in the profile files.
 */
async function laterStep(
  job: JobDirs,
  env: Record<string, string>
): Promise<{ arn: string; region: string }> {
  const script = `
    import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
    import { fromIni } from '@aws-sdk/credential-providers'
    const sts = new STSClient({ credentials: fromIni(), maxAttempts: 1 })
    const { Arn } = await sts.send(new GetCallerIdentityCommand({}))
    console.log(JSON.stringify({ arn: Arn, region: await sts.config.region() }))
  `
  const { stdout } = await promisify(execFile)(NODE24, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: job.home,
      AWS_ENDPOINT_URL: fake.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env
    }
  })
  return JSON.parse(stdout) as { arn: string; region: string }
}

function expectSucceeded(result: RunResult): void {
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
  assertNoSecretLeaks(result, secrets)
}

describe('aws-profile', () => {
  it('writes one profile a later process authenticates with, then the post step restores every byte', async () => {
    const job = createJob()
    seedFiles(job)
    const main = await runMain({ job, inputs: inputs(), env: fake.env() })
    expectSucceeded(main)
    expect(main.exportedEnv.AWS_PROFILE).toBe('ci')

    const credentials = readFileSync(aws(job, 'credentials'))
    expect(credentials.subarray(0, CREDENTIALS.length).equals(CREDENTIALS)).toBe(true)
    expect(credentials.subarray(CREDENTIALS.length).toString()).toBe(
      `\r\n\r\n[ci]\r\naws_access_key_id = ${admin.id}\r\naws_secret_access_key = ${admin.secret}`
    )
    expect(readFileSync(aws(job, 'config'), 'utf8')).toBe(
      `${CONFIG.toString()}\n[profile ci]\nregion = eu-west-1\noutput = json\n`
    )
    expect(mode(aws(job, 'credentials'))).toBe(0o600)
    expect(mode(aws(job, 'config'))).toBe(0o644)

    // The state holds one path (as JSON): a 0600 file under RUNNER_TEMP, never the files' contents; and
    // the names of the variables the post step empties.
    expect(Object.keys(main.state).sort()).toEqual(['exported-variables', 'profile-backup'])
    const backup = JSON.parse(main.state['profile-backup']!) as string
    expect(backup.startsWith(job.runnerTemp)).toBe(true)
    expect(mode(backup)).toBe(0o600)

    fake.reset()
    await expect(laterStep(job, { AWS_PROFILE: main.exportedEnv.AWS_PROFILE! })).resolves.toEqual({
      arn: 'arn:aws:iam::123456789012:user/admin',
      region: 'eu-west-1'
    })
    expect(fake.requests).toEqual([
      expect.objectContaining({ action: 'GetCallerIdentity', accessKeyId: admin.id, status: 200 })
    ])

    const post = await runPost({ main })
    expect(post.exitCode).toBe(0)
    expect(post.warnings).toEqual([])
    assertNoSecretLeaks(post, secrets)
    expectSeededFilesUntouched(job)
    expect(mode(join(job.home, '.aws'))).toBe(0o755)
    expect(runnerTempLeftovers(job)).toEqual([])
  })

  it('creates ~/.aws (0700) and 0600 files on a fresh runner, and the post step removes them', async () => {
    const job = createJob()
    const main = await runMain({ job, inputs: inputs({ 'aws-profile': 'default' }), env: fake.env() })
    expectSucceeded(main)
    expect(mode(join(job.home, '.aws'))).toBe(0o700)
    expect([mode(aws(job, 'credentials')), mode(aws(job, 'config'))]).toEqual([0o600, 0o600])
    expect(readFileSync(aws(job, 'config'), 'utf8')).toBe('[default]\nregion = eu-west-1\noutput = json\n')
    // [default] needs no AWS_PROFILE in the later step.
    await expect(laterStep(job, {})).resolves.toMatchObject({ region: 'eu-west-1' })

    const post = await runPost({ main })
    expect(post.exitCode).toBe(0)
    expect(post.warnings).toEqual([])
    expect(existsSync(join(job.home, '.aws'))).toBe(false)
    expect(runnerTempLeftovers(job)).toEqual([])
  })

  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE', async () => {
    const job = createJob()
    const files = {
      AWS_SHARED_CREDENTIALS_FILE: join(job.workspace, 'aws', 'credentials'),
      AWS_CONFIG_FILE: join(job.workspace, 'aws', 'config')
    }
    const main = await runMain({ job, inputs: inputs(), env: { ...fake.env(), ...files } })
    expectSucceeded(main)
    expect(existsSync(join(job.home, '.aws'))).toBe(false)
    expect(mode(files.AWS_SHARED_CREDENTIALS_FILE)).toBe(0o600)
    await expect(laterStep(job, { AWS_PROFILE: 'ci', ...files })).resolves.toMatchObject({
      arn: 'arn:aws:iam::123456789012:user/admin'
    })

    const post = await runPost({ main })
    expect(post.warnings).toEqual([])
    expect(readdirSync(job.workspace)).toEqual([])
  })

  it('writes through a symlinked credentials file and restores its target', async () => {
    const job = createJob()
    seedFiles(job)
    mkdirSync(join(job.home, 'dotfiles'))
    writeFileSync(join(job.home, 'dotfiles', 'aws-credentials'), CREDENTIALS, { mode: 0o600 })
    const link = aws(job, 'credentials')
    rmSync(link)
    symlinkSync('../dotfiles/aws-credentials', link)

    const main = await runMain({ job, inputs: inputs(), env: fake.env() })
    expectSucceeded(main)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readFileSync(link, 'latin1')).toContain('[ci]')

    await runPost({ main })
    expect(readlinkSync(link)).toBe('../dotfiles/aws-credentials')
    expect(readFileSync(join(job.home, 'dotfiles', 'aws-credentials')).equals(CREDENTIALS)).toBe(true)
  })

  describe('an existing profile of the same name', () => {
    const withCi = Buffer.concat([
      CREDENTIALS,
      Buffer.from('\r\n[ci]\r\naws_access_key_id = AKIAOLDCIKEY00000001\r\n')
    ])

    it('fails before any AWS call, naming aws-profile and overwrite-aws-profile, touching nothing', async () => {
      const job = createJob()
      seedFiles(job)
      writeFileSync(aws(job, 'credentials'), withCi)
      const main = await runMain({ job, inputs: inputs(), env: fake.env() })
      expect(main.exitCode).toBe(1)
      expect(main.errors).toHaveLength(1)
      expect(main.errors[0]).toContain("Invalid input 'aws-profile': profile 'ci' already exists")
      expect(main.errors[0]).toContain(`${aws(job, 'credentials')} line 10`)
      expect(main.errors[0]).toContain('overwrite-aws-profile: true')
      expect(fake.requests).toEqual([])
      expect(main.exportedEnv).toEqual({})
      expect(main.state).toEqual({})
      assertNoSecretLeaks(main, secrets)
      expect(readFileSync(aws(job, 'credentials')).equals(withCi)).toBe(true)

      const post = await runPost({ main })
      expect(post.exitCode).toBe(0)
      expect(post.stdout).toBe('')
      expect(readFileSync(aws(job, 'credentials')).equals(withCi)).toBe(true)
    })

    it('is replaced with overwrite-aws-profile, and restored by the post step', async () => {
      const job = createJob()
      seedFiles(job)
      writeFileSync(aws(job, 'credentials'), withCi, { mode: 0o640 })
      const main = await runMain({
        job,
        inputs: inputs({ 'overwrite-aws-profile': 'true' }),
        env: fake.env()
      })
      expectSucceeded(main)
      const written = readFileSync(aws(job, 'credentials'), 'latin1')
      expect(written).not.toContain('AKIAOLDCIKEY00000001')
      expect(written.match(/\[ci\]/g)).toHaveLength(1)
      await expect(laterStep(job, { AWS_PROFILE: 'ci' })).resolves.toMatchObject({
        arn: 'arn:aws:iam::123456789012:user/admin'
      })

      await runPost({ main })
      expect(readFileSync(aws(job, 'credentials')).equals(withCi)).toBe(true)
      expect(mode(aws(job, 'credentials'))).toBe(0o640)
    })
  })

  it('writes nothing and saves nothing when the step fails', async () => {
    const job = createJob()
    seedFiles(job)
    const main = await runMain({
      job,
      inputs: inputs({ 'aws-access-key-id': stale.id, 'aws-secret-access-key': stale.secret }),
      env: fake.env()
    })
    expect(main.exitCode).toBe(1)
    expect(main.errors[0]).toContain('max-key-age-days')
    expect(main.exportedEnv).toEqual({})
    expect(main.state).toEqual({})
    assertNoSecretLeaks(main, [stale.secret, OTHER_SECRET])
    expectSeededFilesUntouched(job)

    const post = await runPost({ main })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toBe('')
    expectSeededFilesUntouched(job)
  })

  it('with aws-profile alone, writes the profile and leaves the environment alone, as configure-aws-credentials', async () => {
    const job = createJob()
    const main = await runMain({ job, inputs: inputs({ 'output-env-credentials': '' }), env: fake.env() })
    expectSucceeded(main)
    expect(main.exportedEnv).toEqual({})
    expect(readFileSync(aws(job, 'credentials'), 'utf8')).toContain('[ci]')
  })

  it('exports no AWS_PROFILE and writes no file without aws-profile', async () => {
    const job = createJob()
    const main = await runMain({ job, inputs: inputs({ 'aws-profile': '' }), env: fake.env() })
    expectSucceeded(main)
    expect(main.exportedEnv).not.toHaveProperty('AWS_PROFILE')
    expect(main.state).not.toHaveProperty('profile-backup')
    expect(existsSync(join(job.home, '.aws'))).toBe(false)
  })
})
