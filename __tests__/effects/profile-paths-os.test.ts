import { describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { profilePaths } from '../../src/effects/profile-files.js'

describe('profile-files.ts on every runner OS', () => {
  it('builds Windows paths from USERPROFILE with path.win32', () => {
    expect(profilePaths({ USERPROFILE: 'C:\\Users\\runneradmin' }, path.win32)).toEqual({
      credentials: 'C:\\Users\\runneradmin\\.aws\\credentials',
      config: 'C:\\Users\\runneradmin\\.aws\\config'
    })
  })

  it('expands ~\\ in AWS_CONFIG_FILE on Windows', () => {
    expect(
      profilePaths({ USERPROFILE: 'D:\\home', AWS_CONFIG_FILE: '~\\cfg\\config' }, path.win32).config
    ).toBe('D:\\home\\cfg\\config')
  })

  it('builds POSIX paths from HOME (Linux and macOS runners)', () => {
    expect(profilePaths({ HOME: '/Users/runner' }, path.posix)).toEqual({
      credentials: '/Users/runner/.aws/credentials',
      config: '/Users/runner/.aws/config'
    })
  })
})
