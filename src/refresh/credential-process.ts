import { readFile } from 'node:fs/promises'
import { readEndpoint } from './read-endpoint.js'

/**
 * The profile's credential_process (dist/refresh/credential-process.js URL TOKEN-FILE): reads the refresh
 * endpoint and prints the session in the process credential format. The key never goes into the files.
 */
export async function runCredentialProcess(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const [url, tokenFile] = argv
  try {
    if (!url || !tokenFile) throw new Error('expected the endpoint URL and the token file')
    const token = (await readFile(tokenFile, 'utf8')).trim()
    const credentials = await readEndpoint(url, token)
    process.stdout.write(
      JSON.stringify({
        Version: 1,
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: credentials.expiration?.toISOString()
      })
    )
  } catch (error) {
    process.stderr.write(
      `aws-auth-check refresh: ${error instanceof Error ? error.message : String(error)} (is the job still running?)\n`
    )
    process.exitCode = 1
  }
}
