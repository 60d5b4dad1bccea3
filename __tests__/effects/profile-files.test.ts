import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createDirectories,
  missingDirectories,
  profilePaths,
  readSnapshot,
  resolveTarget,
  writeAtomically
} from '../../src/effects/profile-files.js'

let dir: string
const mode = (path: string) => statSync(path).mode & 0o777

describe('profile-files', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'profile-files-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  describe('profilePaths', () => {
    it('defaults to ~/.aws/credentials and ~/.aws/config under HOME', () => {
      expect(profilePaths({ HOME: '/home/runner' })).toEqual({
        credentials: '/home/runner/.aws/credentials',
        config: '/home/runner/.aws/config'
      })
    })

    it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, expanding ~/ like the SDK', () => {
      expect(
        profilePaths({
          HOME: '/home/runner',
          AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/creds',
          AWS_CONFIG_FILE: '~/cfg/aws'
        })
      ).toEqual({ credentials: '/etc/aws/creds', config: '/home/runner/cfg/aws' })
    })

    it('falls back to USERPROFILE when HOME is not set', () => {
      expect(profilePaths({ USERPROFILE: '/users/runner' }).config).toBe('/users/runner/.aws/config')
    })
  })

  describe('resolveTarget', () => {
    it('returns a regular or missing file as it is', async () => {
      writeFileSync(join(dir, 'plain'), 'x')
      await expect(resolveTarget(join(dir, 'plain'))).resolves.toBe(join(dir, 'plain'))
      await expect(resolveTarget(join(dir, 'missing'))).resolves.toBe(join(dir, 'missing'))
    })

    it('follows a chain of relative symlinks, also a dangling one', async () => {
      mkdirSync(join(dir, 'dotfiles'))
      symlinkSync('dotfiles/credentials', join(dir, 'link1'))
      symlinkSync('link1', join(dir, 'link2'))
      await expect(resolveTarget(join(dir, 'link2'))).resolves.toBe(join(dir, 'dotfiles', 'credentials'))
    })

    it('gives up on a symlink loop', async () => {
      symlinkSync('b', join(dir, 'a'))
      symlinkSync('a', join(dir, 'b'))
      await expect(resolveTarget(join(dir, 'a'))).rejects.toThrow('too many levels of symbolic links')
    })
  })

  it('reads a snapshot with its mode, or undefined for a missing file', async () => {
    writeFileSync(join(dir, 'f'), Buffer.from([0xff, 0x00, 0x0d]), { mode: 0o640 })
    await expect(readSnapshot(join(dir, 'f'))).resolves.toEqual({
      bytes: Buffer.from([0xff, 0x00, 0x0d]),
      mode: 0o640
    })
    await expect(readSnapshot(join(dir, 'missing'))).resolves.toBeUndefined()
  })

  it('lists and creates missing directories outermost first, owner-only', async () => {
    const file = join(dir, 'a', 'b', 'credentials')
    const missing = await missingDirectories(file)
    expect(missing).toEqual([join(dir, 'a'), join(dir, 'a', 'b')])
    await createDirectories(missing)
    expect(missing.map(mode)).toEqual([0o700, 0o700])
    await expect(missingDirectories(file)).resolves.toEqual([])
  })

  describe('writeAtomically', () => {
    it('replaces the contents with the given mode and leaves no temporary file', async () => {
      const file = join(dir, 'credentials')
      writeFileSync(file, 'old', { mode: 0o644 })
      await writeAtomically(file, Buffer.from('new'), 0o600)
      expect(readFileSync(file, 'utf8')).toBe('new')
      expect(mode(file)).toBe(0o600)
      expect(readdirSync(dir)).toEqual(['credentials'])
    })

    it('sets the mode exactly, whatever the umask would allow', async () => {
      const previous = process.umask(0o077)
      try {
        await writeAtomically(join(dir, 'config'), Buffer.from('x'), 0o644)
      } finally {
        process.umask(previous)
      }
      expect(mode(join(dir, 'config'))).toBe(0o644)
    })

    it('cleans up its temporary file when the rename fails', async () => {
      mkdirSync(join(dir, 'credentials', 'occupied'), { recursive: true })
      await expect(writeAtomically(join(dir, 'credentials'), Buffer.from('x'), 0o600)).rejects.toThrow()
      expect(readdirSync(dir)).toEqual(['credentials'])
      expect(lstatSync(join(dir, 'credentials')).isDirectory()).toBe(true)
    })
  })
})
