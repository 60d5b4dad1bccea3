import { get } from 'node:http'
import type { AwsCredentials } from '../auth/credentials.js'

/**
 * Reads a container credential endpoint (this action's, from an earlier step or the profile's
 * credential_process): GET with the token, the answer's four fields. Loopback only, so plain http.
 */
export function readEndpoint(url: string, token: string, timeoutMs = 3_000): Promise<AwsCredentials> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { Authorization: token }, timeout: timeoutMs }, response => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`the credential endpoint answered HTTP ${response.statusCode ?? 0}`))
          return
        }
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
          const { AccessKeyId, SecretAccessKey, Token, Expiration } = body
          if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') {
            throw new Error('the credential endpoint answered without AccessKeyId and SecretAccessKey')
          }
          resolve({
            accessKeyId: AccessKeyId,
            secretAccessKey: SecretAccessKey,
            sessionToken: typeof Token === 'string' ? Token : undefined,
            expiration: typeof Expiration === 'string' ? new Date(Expiration) : undefined
          })
        } catch (error) {
          reject(error instanceof SyntaxError ? new Error('the credential endpoint answered no JSON') : error)
        }
      })
    })
    request.on('timeout', () =>
      request.destroy(new Error(`the credential endpoint did not answer in ${timeoutMs} ms`))
    )
    request.on('error', reject)
  })
}
