import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { readBackup, restoreBackup, writeBackup } from '../../src/effects/profile-backup.js'

let dir: string
let runnerTemp: string
const mode = (path: string) => statSync(path).mode & 0o777
// Bytes no text round trip would keep: invalid UTF-8, a BOM, CR without LF, no final newline.
const ORIGINAL = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from('[default]\r\naws_secret_access_key = other-secret\r'),
  Buffer.from([0xff, 0xfe, 0x00])
])

describe('profile-backup', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'profile-backup-'))
    runnerTemp = join(dir, 'runner-temp')
    mkdirSync(runnerTemp)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the backup to a 0600 file in a 0700 directory under RUNNER_TEMP', async () => {
    const path = await writeBackup({ files: [], createdDirectories: [] }, runnerTemp)
    expect(dirname(dirname(path))).toBe(runnerTemp)
    expect(mode(path)).toBe(0o600)
    expect(mode(dirname(path))).toBe(0o700)
  })

  it('round-trips exact bytes and modes', async () => {
    const backup = {
      files: [
        { target: join(dir, 'credentials'), original: { bytes: ORIGINAL, mode: 0o640 } },
        { target: join(dir, 'config') }
      ],
      createdDirectories: [join(dir, 'x')]
    }
    await expect(readBackup(await writeBackup(backup, runnerTemp))).resolves.toEqual(backup)
  })

  it('restores previous bytes and modes, removes created files and directories, then itself', async () => {
    const credentials = join(dir, 'credentials')
    const created = join(dir, 'new-home', '.aws')
    writeFileSync(credentials, ORIGINAL, { mode: 0o640 })
    const path = await writeBackup(
      {
        files: [
          { target: credentials, original: { bytes: ORIGINAL, mode: 0o640 } },
          { target: join(created, 'config') }
        ],
        createdDirectories: [join(dir, 'new-home'), created]
      },
      runnerTemp
    )
    // What the main step did after the backup:
    writeFileSync(credentials, 'overwritten', { mode: 0o600 })
    mkdirSync(created, { recursive: true })
    writeFileSync(join(created, 'config'), '[profile prod]\n')

    await expect(restoreBackup(path)).resolves.toEqual([])
    expect(readFileSync(credentials).equals(ORIGINAL)).toBe(true)
    expect(mode(credentials)).toBe(0o640)
    expect(existsSync(join(dir, 'new-home'))).toBe(false)
    expect(readdirSync(runnerTemp)).toEqual([])
  })

  it('leaves a created directory that something else has put files in since', async () => {
    const created = join(dir, '.aws')
    const path = await writeBackup(
      { files: [{ target: join(created, 'credentials') }], createdDirectories: [created] },
      runnerTemp
    )
    mkdirSync(created)
    writeFileSync(join(created, 'credentials'), '[prod]\n')
    writeFileSync(join(created, 'sso-cache'), '{}')
    await expect(restoreBackup(path)).resolves.toEqual([])
    expect(readdirSync(created)).toEqual(['sso-cache'])
  })

  it('keeps restoring the other file when one cannot be restored, and says which', async () => {
    const config = join(dir, 'config')
    writeFileSync(config, 'changed')
    const path = await writeBackup(
      {
        files: [
          { target: join(dir, 'gone', 'credentials'), original: { bytes: ORIGINAL, mode: 0o600 } },
          { target: config, original: { bytes: Buffer.from('[default]\n'), mode: 0o644 } }
        ],
        createdDirectories: []
      },
      runnerTemp
    )
    const problems = await restoreBackup(path)
    expect(problems).toEqual([
      expect.stringContaining(`Could not restore ${join(dir, 'gone', 'credentials')}`)
    ])
    expect(readFileSync(config, 'utf8')).toBe('[default]\n')
    expect(readdirSync(runnerTemp)).toEqual([])
  })

  it('reports a missing or unreadable backup instead of throwing', async () => {
    await expect(restoreBackup(join(runnerTemp, 'nope', 'backup.json'))).resolves.toEqual([
      expect.stringContaining('Could not read the profile backup')
    ])
  })
})
