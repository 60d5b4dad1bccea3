import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fromIni } from '@aws-sdk/credential-providers'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { InputError } = await import('../../src/inputs/settings.js')
const { settingsOver } = await import('../../__fixtures__/read-inputs.js')
const { ActionError } = await import('../../src/runtime/action-error.js')
const { assertProfileWritable, writeProfile } = await import('../../src/effects/write-profile.js')
const { restoreBackup } = await import('../../src/effects/profile-backup.js')

const CREDENTIALS = {
  accessKeyId: 'AKIANEWKEYEXAMPLE',
  secretAccessKey: 'new/secret+KEY',
  sessionToken: 'tok=='
}
// Other people's profiles: they must come out byte for byte, including a non-UTF-8 byte.
const EXISTING_CREDENTIALS = Buffer.concat([
  Buffer.from(
    '# personal keys\r\n[default]\r\naws_access_key_id = AKIAOTHER\r\naws_secret_access_key = other\r\n'
  ),
  Buffer.from('; caf\xe9\r\n', 'latin1'),
  Buffer.from('[ops]\r\naws_access_key_id = AKIAOPS\r\naws_secret_access_key = ops')
])
const EXISTING_CONFIG = '[default]\nregion = us-east-1\n\n[profile ops]\nregion = ap-south-1\n'

const savedEnv = { ...process.env }
let home: string
let runnerTemp: string
const aws = (file: string) => join(home, '.aws', file)
const mode = (path: string) => statSync(path).mode & 0o777

const settings = settingsOver({
  'aws-region': 'eu-west-1',
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'stored',
  'aws-profile': 'prod'
})

function savedBackup(): string {
  const [call] = core.saveState.mock.calls
  if (!call) throw new Error('no state saved')
  expect(call[0]).toBe('profile-backup')
  return JSON.parse(String(call[1])) as string
}

function seed(): void {
  mkdirSync(join(home, '.aws'), { mode: 0o755 })
  writeFileSync(aws('credentials'), EXISTING_CREDENTIALS, { mode: 0o644 })
  writeFileSync(aws('config'), EXISTING_CONFIG, { mode: 0o644 })
}

function credentialsFor(
  profile: string,
  paths = { filepath: aws('credentials'), configFilepath: aws('config') }
) {
  return fromIni({ profile, ...paths, ignoreCache: true })()
}

describe('write-profile', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
    home = mkdtempSync(join(tmpdir(), 'write-profile-'))
    runnerTemp = join(home, 'runner-temp')
    mkdirSync(runnerTemp)
    process.env.HOME = home
    process.env.RUNNER_TEMP = runnerTemp
    delete process.env.AWS_SHARED_CREDENTIALS_FILE
    delete process.env.AWS_CONFIG_FILE
  })
  afterEach(() => rmSync(home, { recursive: true, force: true }))
  afterAll(() => {
    process.env = savedEnv
  })

  it('does nothing at all without aws-profile', async () => {
    await assertProfileWritable(settings({ 'aws-profile': '' }))
    await writeProfile(settings({ 'aws-profile': '' }), CREDENTIALS)
    expect(core.calls.filter(c => c.fn !== 'debug')).toEqual([])
    expect(existsSync(join(home, '.aws'))).toBe(false)
  })

  it('exports AWS_PROFILE only with output-env-credentials, as configure-aws-credentials', async () => {
    await writeProfile(settings(), CREDENTIALS)
    expect(core.exportVariable).not.toHaveBeenCalledWith('AWS_PROFILE', 'prod')
  })

  it('creates ~/.aws (0700) with both files (0600) that the SDK reads, and exports AWS_PROFILE', async () => {
    await writeProfile(settings({ 'output-env-credentials': 'true' }), CREDENTIALS)
    expect(mode(join(home, '.aws'))).toBe(0o700)
    expect(mode(aws('credentials'))).toBe(0o600)
    expect(mode(aws('config'))).toBe(0o600)
    expect(readFileSync(aws('credentials'), 'utf8')).toBe(
      '[prod]\naws_access_key_id = AKIANEWKEYEXAMPLE\naws_secret_access_key = new/secret+KEY\naws_session_token = tok==\n'
    )
    expect(readFileSync(aws('config'), 'utf8')).toBe('[profile prod]\nregion = eu-west-1\noutput = json\n')
    await expect(credentialsFor('prod')).resolves.toMatchObject(CREDENTIALS)
    expect(core.exportVariable).toHaveBeenCalledWith('AWS_PROFILE', 'prod')
  })

  it('leaves out the session token of long-lived keys', async () => {
    await writeProfile(settings(), { accessKeyId: 'AKIANEWKEYEXAMPLE', secretAccessKey: 's' })
    expect(readFileSync(aws('credentials'), 'utf8')).not.toContain('aws_session_token')
  })

  it('writes [default] in both files for the default profile', async () => {
    await writeProfile(settings({ 'aws-profile': 'default' }), CREDENTIALS)
    expect(readFileSync(aws('credentials'), 'utf8')).toMatch(/^\[default\]\n/)
    expect(readFileSync(aws('config'), 'utf8')).toBe('[default]\nregion = eu-west-1\noutput = json\n')
  })

  it('keeps every other byte of existing files, tightens credentials to 0600 and keeps config mode', async () => {
    seed()
    await writeProfile(settings(), CREDENTIALS)
    const credentials = readFileSync(aws('credentials'))
    expect(credentials.subarray(0, EXISTING_CREDENTIALS.length).equals(EXISTING_CREDENTIALS)).toBe(true)
    expect(credentials.subarray(EXISTING_CREDENTIALS.length).toString()).toBe(
      '\r\n\r\n[prod]\r\naws_access_key_id = AKIANEWKEYEXAMPLE\r\naws_secret_access_key = new/secret+KEY\r\naws_session_token = tok=='
    )
    expect(readFileSync(aws('config'), 'utf8')).toBe(
      `${EXISTING_CONFIG}\n[profile prod]\nregion = eu-west-1\noutput = json\n`
    )
    expect(mode(aws('credentials'))).toBe(0o600)
    expect(mode(aws('config'))).toBe(0o644)
    await expect(credentialsFor('prod')).resolves.toMatchObject(CREDENTIALS)
    await expect(credentialsFor('ops')).resolves.toMatchObject({
      accessKeyId: 'AKIAOPS',
      secretAccessKey: 'ops'
    })
    await expect(credentialsFor('default')).resolves.toMatchObject({ accessKeyId: 'AKIAOTHER' })
  })

  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, creating their directories', async () => {
    const paths = { filepath: join(home, 'a', 'creds'), configFilepath: join(home, 'b', 'c', 'cfg') }
    process.env.AWS_SHARED_CREDENTIALS_FILE = paths.filepath
    process.env.AWS_CONFIG_FILE = paths.configFilepath
    await writeProfile(settings(), CREDENTIALS)
    await expect(credentialsFor('prod', paths)).resolves.toMatchObject(CREDENTIALS)
    expect(existsSync(join(home, '.aws'))).toBe(false)
    expect(mode(join(home, 'b'))).toBe(0o700)

    await expect(restoreBackup(savedBackup())).resolves.toEqual([])
    expect(readdirSync(home)).toEqual(['runner-temp'])
    expect(readdirSync(runnerTemp)).toEqual([])
  })

  it('writes through a symlinked credentials file to its target, keeping the link', async () => {
    mkdirSync(join(home, 'dotfiles'))
    mkdirSync(join(home, '.aws'))
    writeFileSync(join(home, 'dotfiles', 'credentials'), EXISTING_CREDENTIALS, { mode: 0o600 })
    symlinkSync('../dotfiles/credentials', aws('credentials'))
    await writeProfile(settings(), CREDENTIALS)
    expect(lstatSync(aws('credentials')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(aws('credentials'))).toBe('../dotfiles/credentials')
    await expect(credentialsFor('prod')).resolves.toMatchObject(CREDENTIALS)

    await restoreBackup(savedBackup())
    expect(readlinkSync(aws('credentials'))).toBe('../dotfiles/credentials')
    expect(readFileSync(join(home, 'dotfiles', 'credentials')).equals(EXISTING_CREDENTIALS)).toBe(true)
  })

  it('creates the target of a dangling symlink and removes only the target on restore', async () => {
    mkdirSync(join(home, '.aws'))
    mkdirSync(join(home, 'dotfiles'))
    symlinkSync('../dotfiles/credentials', aws('credentials'))
    await writeProfile(settings(), CREDENTIALS)
    expect(readFileSync(join(home, 'dotfiles', 'credentials'), 'utf8')).toContain('[prod]')
    await restoreBackup(savedBackup())
    expect(existsSync(join(home, 'dotfiles', 'credentials'))).toBe(false)
    expect(lstatSync(aws('credentials')).isSymbolicLink()).toBe(true)
  })

  it('saves only the path of a 0600 backup under RUNNER_TEMP, before the first byte is written', async () => {
    seed()
    const before = [readFileSync(aws('credentials')), readFileSync(aws('config'))]
    let unchangedAtSave = false
    core.saveState.mockImplementationOnce(() => {
      unchangedAtSave =
        readFileSync(aws('credentials')).equals(before[0]) && readFileSync(aws('config')).equals(before[1])
    })
    await writeProfile(settings(), CREDENTIALS)
    expect(unchangedAtSave).toBe(true)
    const path = savedBackup()
    expect(path.startsWith(runnerTemp)).toBe(true)
    expect(mode(path)).toBe(0o600)
    expect(core.saveState).toHaveBeenCalledTimes(1)
    expect(JSON.stringify(core.saveState.mock.calls)).not.toMatch(/other|AKIAOPS|secret|tok==/)
  })

  it('restores both files to their exact bytes and modes', async () => {
    seed()
    await writeProfile(settings(), CREDENTIALS)
    await expect(restoreBackup(savedBackup())).resolves.toEqual([])
    expect(readFileSync(aws('credentials')).equals(EXISTING_CREDENTIALS)).toBe(true)
    expect(readFileSync(aws('config'), 'utf8')).toBe(EXISTING_CONFIG)
    expect([mode(aws('credentials')), mode(aws('config')), mode(join(home, '.aws'))]).toEqual([
      0o644, 0o644, 0o755
    ])
  })

  describe('an existing profile of the same name', () => {
    it.each([
      ['credentials', '[ prod ]\naws_access_key_id = AKIAOLD\n', 'credentials line 1'],
      ['config', '# prod account\n[profile prod]\nrole_arn = arn:aws:iam::1:role/x\n', 'config line 2']
    ])('in %s is an error naming the inputs, before anything is written', async (file, text, where) => {
      mkdirSync(join(home, '.aws'))
      writeFileSync(aws(file), text)
      for (const step of [
        () => assertProfileWritable(settings()),
        () => writeProfile(settings(), CREDENTIALS)
      ]) {
        const error = await step().catch((e: unknown) => e)
        expect(error).toBeInstanceOf(InputError)
        expect((error as Error).message).toContain(
          `Invalid input 'aws-profile': profile 'prod' already exists`
        )
        expect((error as Error).message).toContain(where)
        expect((error as Error).message).toContain('overwrite-aws-profile: true')
      }
      expect(readdirSync(join(home, '.aws'))).toEqual([file])
      expect(readFileSync(aws(file), 'utf8')).toBe(text)
      expect(core.saveState).not.toHaveBeenCalled()
      expect(readdirSync(runnerTemp)).toEqual([])
    })

    it('is replaced with overwrite-aws-profile, duplicates and all', async () => {
      mkdirSync(join(home, '.aws'))
      writeFileSync(
        aws('credentials'),
        '[prod]\naws_access_key_id = AKIAOLD\n[prod]\naws_session_token = stale\n'
      )
      writeFileSync(aws('config'), '[profile prod]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = ops\n')
      const overwrite = settings({ 'overwrite-aws-profile': 'true' })
      await assertProfileWritable(overwrite)
      await writeProfile(overwrite, { accessKeyId: 'AKIANEWKEYEXAMPLE', secretAccessKey: 's' })
      await expect(credentialsFor('prod')).resolves.toEqual(
        expect.not.objectContaining({ sessionToken: expect.anything() })
      )
      await expect(credentialsFor('prod')).resolves.toMatchObject({ accessKeyId: 'AKIANEWKEYEXAMPLE' })
      expect(readFileSync(aws('config'), 'utf8')).toBe('[profile prod]\nregion = eu-west-1\noutput = json\n')
    })
  })

  it('names the file and what to do when it cannot be read', async () => {
    mkdirSync(aws('credentials'), { recursive: true })
    const error = await assertProfileWritable(settings()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toMatch(
      new RegExp(`^Could not read ${aws('credentials')} for aws-profile: EISDIR.*Make it readable`)
    )
  })

  it('leaves the backup for the post step when a later write fails, and exports nothing', async () => {
    seed()
    // Writable on no Linux system, not even as root.
    process.env.AWS_CONFIG_FILE = '/proc/aws-auth-check-config'
    const error = await writeProfile(settings(), CREDENTIALS).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toContain('Could not write /proc/aws-auth-check-config for aws-profile')
    expect(readFileSync(aws('credentials'), 'utf8')).toContain('[prod]')
    expect(core.exportVariable).not.toHaveBeenCalled()

    await expect(restoreBackup(savedBackup())).resolves.toEqual([])
    expect(readFileSync(aws('credentials')).equals(EXISTING_CREDENTIALS)).toBe(true)
  })

  it('refuses one file for both credentials and config', async () => {
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'aws')
    process.env.AWS_CONFIG_FILE = join(home, 'aws')
    await expect(writeProfile(settings(), CREDENTIALS)).rejects.toThrow(ActionError)
    await expect(assertProfileWritable(settings())).rejects.toThrow('both name')
    expect(existsSync(join(home, 'aws'))).toBe(false)
  })
})
