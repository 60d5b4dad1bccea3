import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { readSettings } = await import('../../src/inputs/settings.js')

const valid = {
  'aws-region': 'eu-west-1',
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}
const settingsWith = (inputs: Record<string, string>) =>
  readSettings(name => ({ ...valid, ...inputs })[name] ?? '')

describe('inputs/settings.ts with require-permissions', () => {
  it('keeps escalation and permissions out of the default checks', () => {
    const settings = settingsWith({})
    expect(settings.checks).toEqual(['identity', 'regions', 'users', 'key-age'])
    expect(settings.requiredPermissions).toEqual([])
  })

  it('adds the permissions check to whatever checks says, in the canonical order', () => {
    const settings = settingsWith({ checks: 'escalation,regions', 'require-permissions': 's3:GetObject' })
    expect(settings.checks).toEqual(['identity', 'regions', 'permissions', 'escalation'])
    expect(settings.requiredPermissions).toEqual([
      { action: 's3:GetObject', resource: '*', origin: 'line 1' }
    ])
    expect(Object.isFrozen(settings.requiredPermissions)).toBe(true)
  })

  it('rejects checks: permissions without a requirement, naming the input', () => {
    expect(() => settingsWith({ checks: 'identity,permissions' })).toThrow(
      "Invalid input 'checks': 'permissions' needs require-permissions"
    )
  })
})
