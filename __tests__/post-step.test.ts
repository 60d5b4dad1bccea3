import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { runPost } = await import('../src/post-step.js')
const { writeBackup } = await import('../src/effects/profile-backup.js')

let dir: string

function withState(path: string): void {
  core.getState.mockImplementation(name => (name === 'profile-backup' ? path : ''))
}

describe('post-step.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
    core.getState.mockImplementation(() => '')
    dir = mkdtempSync(join(tmpdir(), 'post-step-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('returns early when the main step saved nothing', async () => {
    await runPost()
    expect(core.getState).toHaveBeenCalledWith('profile-backup')
    expect(core.calls).toEqual([])
  })

  it('restores the files from the saved backup and removes the backup', async () => {
    const credentials = join(dir, 'credentials')
    writeFileSync(credentials, '[default]\n')
    const temp = join(dir, 'temp')
    mkdirSync(temp)
    withState(
      await writeBackup(
        {
          files: [{ target: credentials, original: { bytes: Buffer.from('[default]\n'), mode: 0o600 } }],
          createdDirectories: []
        },
        temp
      )
    )
    writeFileSync(credentials, '[default]\n\n[prod]\nk = v\n')
    await runPost()
    expect(readFileSync(credentials, 'utf8')).toBe('[default]\n')
    expect(readdirSync(temp)).toEqual([])
    expect(core.warning).not.toHaveBeenCalled()
    expect(core.setFailed).not.toHaveBeenCalled()
  })

  it('only warns when the backup is gone', async () => {
    withState(join(dir, 'missing', 'backup.json'))
    await runPost()
    expect(core.warning).toHaveBeenCalledWith(expect.stringContaining('Could not read the profile backup'))
    expect(core.setFailed).not.toHaveBeenCalled()
  })

  it('only warns when restoring throws', async () => {
    core.getState.mockImplementation(() => {
      throw new Error('state file unreadable')
    })
    await runPost()
    expect(core.warning).toHaveBeenCalledWith(
      'Could not restore the AWS profile files: state file unreadable'
    )
    expect(core.setFailed).not.toHaveBeenCalled()
  })
})
