// The job variables the action exports, sets to empty or clears: one list each, shared by the export,
// unset-current-credentials, the refresh endpoint and the post step's cleanup.

/** Static credentials: every SDK reads them first. */
export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN'
] as const

export const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const

/** Where refresh-credentials' endpoint is (the SDKs' container credential provider reads them). */
export const ENDPOINT_VARIABLES = [
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN'
] as const

/** Every variable the post step may set to empty, whatever its state says. */
export const CLEARABLE_VARIABLES: ReadonlySet<string> = new Set([
  ...CREDENTIAL_VARIABLES,
  ...REGION_VARIABLES,
  ...ENDPOINT_VARIABLES,
  'AWS_PROFILE'
])
