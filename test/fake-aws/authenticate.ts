// Authenticates a SigV4-signed request the way AWS does: known and active key, correctly signed
// (re-signed with the stored secret), signed recently, signing host and x-amz-date, and for session
// keys a matching, unexpired session token. Error codes differ by service (EC2 has its own).
import { AwsError } from './aws-error.js'
import type { FakeAwsState } from './action-context.js'
import type { Identity } from './identity.js'
import { policiesOf } from './permissions.js'
import { allowedActionsPolicy } from './policy-evaluation.js'
import {
  expectedSignature,
  parseAmzDate,
  sha256Hex,
  signaturesMatch,
  type ParsedAuthorization,
  type ReceivedRequest
} from './sigv4-verify.js'
import type { AwsService } from './xml.js'

const MAX_SKEW_MS = 15 * 60 * 1000

const compact = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

function unknownKey(service: AwsService): AwsError {
  return service === 'ec2'
    ? new AwsError(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials')
    : new AwsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
}

function badSignature(detail = ''): AwsError {
  return new AwsError(
    403,
    'SignatureDoesNotMatch',
    `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.${detail}`
  )
}

function expiredToken(service: AwsService): AwsError {
  return service === 'ec2'
    ? new AwsError(400, 'RequestExpired', 'Request has expired.')
    : new AwsError(403, 'ExpiredToken', 'The security token included in the request is expired')
}

function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

export async function authenticate(
  request: ReceivedRequest,
  auth: ParsedAuthorization,
  service: AwsService,
  state: FakeAwsState,
  now: Date
): Promise<Identity> {
  if (!auth.signedHeaders.includes('host')) {
    throw new AwsError(
      400,
      'IncompleteSignature',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
    )
  }
  const amzDate = header(request, 'x-amz-date')
  const signingDate = parseAmzDate(amzDate)
  if (!auth.signedHeaders.includes('x-amz-date') || !signingDate) {
    throw new AwsError(
      400,
      'IncompleteSignature',
      "Authorization header requires 'X-Amz-Date' to be a signed header with an ISO 8601 basic date."
    )
  }
  if (amzDate?.slice(0, 8) !== auth.scopeDate) {
    throw badSignature(
      ` Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate?.slice(0, 8)}'`
    )
  }
  const skew = signingDate.getTime() - now.getTime()
  if (Math.abs(skew) > MAX_SKEW_MS) {
    if (service === 'ec2') throw new AwsError(400, 'RequestExpired', 'Request has expired.')
    const limit = new Date(now.getTime() + (skew < 0 ? -MAX_SKEW_MS : MAX_SKEW_MS))
    throw new AwsError(
      403,
      'SignatureDoesNotMatch',
      skew < 0
        ? `Signature expired: ${amzDate} is now earlier than ${compact(limit)} (${compact(now)} - 15 min.)`
        : `Signature not yet current: ${amzDate} is still later than ${compact(limit)} (${compact(now)} + 15 min.)`
    )
  }

  const token = header(request, 'x-amz-security-token')
  const longLived = state.account.keysById.get(auth.accessKeyId)
  const session = state.sessions.get(auth.accessKeyId)
  // Inactive keys are indistinguishable from unknown ones, as in AWS.
  const propagated = longLived?.authenticatesAfter === undefined || longLived.authenticatesAfter <= now
  const secret = longLived?.status === 'Active' && propagated ? longLived.secret : session?.secretAccessKey
  if (secret === undefined) throw unknownKey(service)

  // STS, IAM and EC2 are Query APIs: the parameters are the body, so the signature must cover it.
  // UNSIGNED-PAYLOAD (an S3 feature) would let the body be swapped under a valid signature.
  const claimedHash = header(request, 'x-amz-content-sha256')
  if (claimedHash !== undefined && claimedHash !== sha256Hex(request.body)) throw badSignature()
  const expected = await expectedSignature(
    request,
    auth,
    { accessKeyId: auth.accessKeyId, secretAccessKey: secret, sessionToken: token },
    signingDate
  )
  if (!signaturesMatch(expected, auth.signature)) throw badSignature()

  if (longLived) {
    if (token !== undefined) throw unknownKey(service)
    const user =
      longLived.userName === undefined ? undefined : state.account.usersByName.get(longLived.userName)
    if (!user) {
      return {
        kind: 'root',
        arn: state.account.root.arn,
        userId: state.account.accountId,
        accessKey: longLived,
        policies: [allowedActionsPolicy('user', ['*'])]
      }
    }
    return {
      kind: 'user',
      arn: user.arn,
      userId: user.id,
      user,
      accessKey: longLived,
      // A user's groups' policies apply to it, as in IAM.
      policies: [
        ...policiesOf(user, 'user'),
        ...user.groups.flatMap(g => state.account.groups.get(g)?.policies ?? [])
      ]
    }
  }
  if (!session || token !== session.sessionToken) throw unknownKey(service)
  if (session.expiration.getTime() <= now.getTime()) throw expiredToken(service)
  const role = state.account.roles.get(session.roleName)
  if (!role) throw unknownKey(service)
  return {
    kind: 'assumed-role',
    arn: session.assumedRoleArn,
    userId: session.assumedRoleId,
    role,
    session,
    policies: policiesOf(role, 'role')
  }
}
