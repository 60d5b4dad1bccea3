import { boolean, matching, optional, type Read } from './read-input.js'

/** Where the results go: environment, step outputs, a named profile, a report file. */
export interface OutputSettings {
  readonly outputEnvCredentials: boolean
  readonly outputCredentials: boolean
  /** Named profile to write to the shared credentials/config files. */
  readonly awsProfile?: string
  readonly overwriteAwsProfile: boolean
  /** Where to write the JSON report. */
  readonly reportPath?: string
}

const PROFILE_NAME = /^[\w.+@-]{1,64}$/

export function readOutputInputs(read: Read): OutputSettings {
  const awsProfile = matching(
    read,
    'aws-profile',
    PROFILE_NAME,
    'a profile name of 1-64 letters, digits and _.+@-'
  )
  return {
    // As configure-aws-credentials: with a profile, the environment is left alone unless asked for.
    outputEnvCredentials: boolean(read, 'output-env-credentials', awsProfile === undefined),
    outputCredentials: boolean(read, 'output-credentials', false),
    awsProfile,
    overwriteAwsProfile: boolean(read, 'overwrite-aws-profile', false),
    reportPath: optional(read, 'report-path')
  }
}
