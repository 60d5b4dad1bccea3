type Env = Readonly<Record<string, string | undefined>>

/**
 * The endpoint process's environment: an allowlist, so no INPUT_*, no credential, no runner token and no
 * proxy URL (which may hold a password) can be in it; what it needs of those comes through the pipe.
 * Kept: how to run (PATH, HOME, temp folders, Windows' system variables), the CA bundle node reads at
 * start, where AWS endpoints are (AWS_ENDPOINT_URL*, FIPS/dual-stack, regional STS), and
 * RUNNER_TRACKING_ID, by which the runner finds and ends the job's leftover processes (the last resort
 * when the post step does not run).
 */
const KEPT =
  /^(PATH|Path|HOME|USERPROFILE|LANG|LC_ALL|TMPDIR|TEMP|TMP|RUNNER_TEMP|SystemRoot|SYSTEMROOT|windir|ComSpec|PATHEXT|RUNNER_TRACKING_ID|NODE_EXTRA_CA_CERTS|AWS_CA_BUNDLE|AWS_ENDPOINT_URL(_[A-Z_]+)?|AWS_USE_FIPS_ENDPOINT|AWS_USE_DUALSTACK_ENDPOINT|AWS_STS_REGIONAL_ENDPOINTS|AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)$/

export function childEnvironment(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && KEPT.test(entry[0])
    )
  )
}
