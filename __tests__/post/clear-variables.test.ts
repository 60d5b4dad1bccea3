import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { clearVariables } = await import('../../src/post/clear-variables.js')
const { variablesToClear } = await import('../../src/effects/export-credentials.js')

function withState(names: string[] | undefined): void {
  core.getState.mockImplementation(name =>
    name === 'exported-variables' && names ? JSON.stringify(names) : ''
  )
}

describe('effects/export-credentials.ts variablesToClear', () => {
  it('is nothing without output-env-credentials', () => {
    expect(
      variablesToClear({ outputEnvCredentials: false, awsProfile: undefined, refreshCredentials: false })
    ).toEqual([])
    expect(
      variablesToClear({ outputEnvCredentials: false, awsProfile: 'ci', refreshCredentials: false })
    ).toEqual([])
  })

  it('is the credentials and the region, or with aws-profile the credentials and AWS_PROFILE', () => {
    const credentials = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']
    expect(
      variablesToClear({ outputEnvCredentials: true, awsProfile: undefined, refreshCredentials: false })
    ).toEqual([...credentials, 'AWS_REGION', 'AWS_DEFAULT_REGION'])
    expect(
      variablesToClear({ outputEnvCredentials: true, awsProfile: 'ci', refreshCredentials: false })
    ).toEqual([...credentials, 'AWS_PROFILE'])
  })

  it("adds the refresh endpoint's address and token with refresh-credentials, which stops with the post step", () => {
    expect(
      variablesToClear({ outputEnvCredentials: true, awsProfile: undefined, refreshCredentials: true })
    ).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN'
    ])
  })
})

describe('post/clear-variables.ts', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    core.reset()
    delete process.env.AWS_SKIP_CLEANUP_STEP
  })
  afterEach(() => {
    delete process.env.AWS_SKIP_CLEANUP_STEP
  })

  it('sets every variable the main step exported to empty', async () => {
    withState(['AWS_ACCESS_KEY_ID', 'AWS_REGION'])
    await clearVariables.run()
    expect(core.exportVariable.mock.calls).toEqual([
      ['AWS_ACCESS_KEY_ID', ''],
      ['AWS_REGION', '']
    ])
  })

  it('does nothing when the main step exported nothing', async () => {
    withState(undefined)
    await clearVariables.run()
    expect(core.exportVariable).not.toHaveBeenCalled()
  })

  it('keeps them with AWS_SKIP_CLEANUP_STEP=true, and says so', async () => {
    withState(['AWS_ACCESS_KEY_ID'])
    process.env.AWS_SKIP_CLEANUP_STEP = 'true'
    await clearVariables.run()
    expect(core.exportVariable).not.toHaveBeenCalled()
    expect(core.info).toHaveBeenCalledWith('AWS_SKIP_CLEANUP_STEP is true: not clearing AWS_ACCESS_KEY_ID.')
  })

  it("clears the refresh endpoint's address and token when the main step exported them", async () => {
    withState([
      'AWS_ACCESS_KEY_ID',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN'
    ])
    await clearVariables.run()
    expect(core.exportVariable.mock.calls).toEqual([
      ['AWS_ACCESS_KEY_ID', ''],
      ['AWS_CONTAINER_CREDENTIALS_FULL_URI', ''],
      ['AWS_CONTAINER_AUTHORIZATION_TOKEN', '']
    ])
  })

  it('never touches a variable outside its own list, whatever the state holds', async () => {
    withState(['PATH', 'AWS_SESSION_TOKEN'])
    await clearVariables.run()
    expect(core.exportVariable.mock.calls).toEqual([['AWS_SESSION_TOKEN', '']])
  })
})
