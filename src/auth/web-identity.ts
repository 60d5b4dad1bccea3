import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts'
import { ActionError } from '../runtime/action-error.js'
import { createStsClient, clientOptions } from '../aws/clients.js'
import type { AssumeRoleSettings } from './assume-role.js'
import { errorCodeOf, isAccessDenied } from '../aws/error-code.js'
import { assumeFailure, explainedFailure, sessionCredentials } from './assumed-session.js'
import type { CredentialProvider, ObtainedCredentials } from './credentials.js'
import {
  explainTokenRejection,
  explainWebIdentityDenial,
  NO_PROVIDER,
  WRONG_AUDIENCE,
  type WebIdentityAttempt
} from './oidc-diagnosis.js'
import { fetchGitHubToken, readTokenFile } from './oidc-token.js'
import { untilPlain } from './plain-secret.js'
import { sessionPolicyParameters, warnTagsIgnored } from './session-policy.js'
import { decodeTokenClaims, isFresh, type TokenClaims } from './token-claims.js'

type Env = Readonly<Record<string, string | undefined>>

/**
 * Errors of AssumeRoleWithWebIdentity worth another attempt with the same token: AWS could not reach the
 * issuer (IDPCommunicationError), or it called a token invalid that was issued moments ago, which is
 * how a slow fetch of the issuer's signing keys shows. A missing provider or a wrong audience is
 * configuration and fails at once.
 */
export function isTransientWebIdentityError(
  error: unknown,
  claims: TokenClaims | undefined,
  now: Date
): boolean {
  const code = errorCodeOf(error).replace(/Exception$/, '')
  if (code === 'IDPCommunicationError') return true
  if (code !== 'InvalidIdentityToken') return false
  const message = error instanceof Error ? error.message : ''
  return isFresh(claims, now) && !NO_PROVIDER.test(message) && !WRONG_AUDIENCE.test(message)
}

/**
 * role-to-assume without stored keys: a GitHub OIDC token (or the token in web-identity-token-file)
 * exchanged for a role session with AssumeRoleWithWebIdentity, a call AWS takes unsigned. `githubToken`
 * is the token request the run already started (main/head-start.ts); without it, the provider requests one.
 */
export function webIdentityProvider(
  settings: AssumeRoleSettings,
  env: Env = process.env,
  githubToken?: Promise<string>
): CredentialProvider {
  const fromFile = settings.webIdentityTokenFile !== undefined
  const source = fromFile ? 'web-identity-file' : 'web-identity'
  return {
    source,
    async obtain(): Promise<ObtainedCredentials> {
      warnTagsIgnored(settings)
      // Built while the token request is in flight: that wait absorbs the client's first construction.
      // Its retry test reads the claims once the token is there.
      const read: { claims?: TokenClaims } = {}
      const sts = createStsClient({
        ...clientOptions(settings),
        isTransient: error => isTransientWebIdentityError(error, read.claims, new Date())
      })
      const token = fromFile
        ? await readTokenFile(settings.webIdentityTokenFile!, env)
        : await (githubToken ?? fetchGitHubToken(settings.audience, env, settings.retryMaxAttempts))
      const claims = decodeTokenClaims(token)
      read.claims = claims
      const attempt: WebIdentityAttempt = {
        roleArn: settings.roleToAssume!,
        claims,
        tokenSource: fromFile ? 'web-identity-token-file' : 'GitHub OIDC'
      }
      if (!claims && fromFile) {
        throw new ActionError(
          'web-identity-token-file does not hold a JWT (three base64url parts separated by dots). Check the step that writes it.'
        )
      }
      const command = new AssumeRoleWithWebIdentityCommand({
        RoleArn: attempt.roleArn,
        RoleSessionName: settings.roleSessionName,
        WebIdentityToken: token,
        DurationSeconds: settings.roleDurationSeconds,
        ...sessionPolicyParameters(settings)
      })
      try {
        return await untilPlain(settings.specialCharactersWorkaround, async () => {
          const response = await sts.send(command)
          return {
            credentials: sessionCredentials(response.Credentials, 'sts:AssumeRoleWithWebIdentity'),
            source,
            assumedRoleArn: response.AssumedRoleUser?.Arn
          }
        })
      } catch (error) {
        if (error instanceof ActionError) throw error
        if (isAccessDenied(error)) throw explainedFailure(explainWebIdentityDenial(attempt), error)
        const rejection = explainTokenRejection(attempt, {
          code: errorCodeOf(error),
          message: error instanceof Error ? error.message : String(error),
          attempts: (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1
        })
        if (rejection) throw explainedFailure(rejection, error)
        throw assumeFailure(attempt.roleArn, error, {
          action: 'sts:AssumeRoleWithWebIdentity',
          region: settings.region,
          maxAttempts: settings.retryMaxAttempts
        })
      }
    }
  }
}
