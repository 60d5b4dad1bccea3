/**
 * The variables GitHub sets in a job with `permissions: id-token: write`, for unit tests: the URL
 * refuses connections, so a token request that is not mocked fails at once.
 */
export const oidcEnv = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/t',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt'
}
