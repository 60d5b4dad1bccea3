import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { runPost } = await import('../../src/post/run-post.js')
const { writeBackup } = await import('../../src/effects/profile-backup.js')

let dir: string

function withState(path: string): void {
  core.getState.mockImplementation(name => (name === 'profile-backup' ? JSON.stringify(path) : ''))
}

describe('post/run-post.ts', () => {
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

describe('runPost with a list of cleanups', () => {
  beforeEach(() => {
    jest.clearAllMocks()
  })

  it('runs every cleanup in order, and one that throws does not stop the next', async () => {
    const ran: string[] = []
    await runPost([
      { failure: 'Could not stop A', run: async () => void ran.push('a') },
      {
        failure: 'Could not stop B',
        run: async () => {
          ran.push('b')
          throw new Error('b broke')
        }
      },
      { failure: 'Could not stop C', run: async () => void ran.push('c') }
    ])
    expect(ran).toEqual(['a', 'b', 'c'])
    expect(core.warning).toHaveBeenCalledTimes(1)
    expect(core.warning).toHaveBeenCalledWith('Could not stop B: b broke')
    expect(core.setFailed).not.toHaveBeenCalled()
  })
})
