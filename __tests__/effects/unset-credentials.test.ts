import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { unsetCurrentCredentials } = await import('../../src/effects/unset-credentials.js')

const given = () => ({
  AWS_ACCESS_KEY_ID: 'AKIAOLD',
  AWS_SECRET_ACCESS_KEY: 'old',
  AWS_SESSION_TOKEN: 'tok',
  AWS_REGION: 'eu-west-1'
})

describe('unset-credentials.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
  })

  it('forgets the credentials in this process and clears them for later steps', () => {
    const env: Record<string, string | undefined> = given()
    unsetCurrentCredentials({ unsetCurrentCredentials: true, outputEnvCredentials: true }, env)
    expect(env).toEqual({ AWS_REGION: 'eu-west-1' })
    expect(core.exportVariable.mock.calls).toEqual([
      ['AWS_ACCESS_KEY_ID', ''],
      ['AWS_SECRET_ACCESS_KEY', ''],
      ['AWS_SESSION_TOKEN', '']
    ])
  })

  it('exports nothing without output-env-credentials, and does nothing unless asked', () => {
    const env: Record<string, string | undefined> = given()
    unsetCurrentCredentials({ unsetCurrentCredentials: true, outputEnvCredentials: false }, env)
    expect(env.AWS_ACCESS_KEY_ID).toBeUndefined()
    expect(core.exportVariable).not.toHaveBeenCalled()
    const untouched: Record<string, string | undefined> = given()
    unsetCurrentCredentials({ unsetCurrentCredentials: false, outputEnvCredentials: true }, untouched)
    expect(untouched).toEqual(given())
  })
})
