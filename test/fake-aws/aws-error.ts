// Errors as the services send them. STS and IAM (awsQuery) use
// <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>;
// EC2 uses <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>.
import { escapeXml, SERVICE_NAMESPACES, type AwsService } from './xml.js'

export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender'
  ) {
    super(message)
  }
}

export function renderError(service: AwsService, error: AwsError, requestId: string): string {
  if (service === 'organizations') {
    // awsJson1_1: the SDK reads the code from __type.
    return JSON.stringify({ __type: error.code, Message: error.message })
  }
  const message = escapeXml(error.message)
  if (service === 'ec2') {
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${error.code}</Code>` +
      `<Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
    )
  }
  return (
    `<ErrorResponse xmlns="${SERVICE_NAMESPACES[service]}"><Error><Type>${error.type}</Type>` +
    `<Code>${error.code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>\n`
  )
}

/** Default status and message for error codes a test can inject by code alone. */
const KNOWN_ERRORS: Record<string, [number, string]> = {
  AccessDenied: [403, 'Access denied'],
  InvalidClientTokenId: [403, 'The security token included in the request is invalid.'],
  SignatureDoesNotMatch: [
    403,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
  ],
  ExpiredToken: [403, 'The security token included in the request is expired'],
  Throttling: [400, 'Rate exceeded'],
  ThrottlingException: [400, 'Rate exceeded'],
  TooManyRequestsException: [
    400,
    'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.'
  ],
  AccessDeniedException: [400, "You don't have permissions to access this resource."],
  RequestLimitExceeded: [503, 'Request limit exceeded.'],
  ServiceUnavailable: [503, 'Service is unavailable. Please try again later.'],
  Unavailable: [503, 'The server is overloaded or is not accepting requests.'],
  InternalFailure: [
    500,
    'The request processing has failed because of an unknown error, exception or failure.'
  ],
  InternalError: [500, 'An internal error has occurred.'],
  ServiceFailure: [
    500,
    'The request processing has failed because of an unknown error, exception or failure.'
  ],
  UnauthorizedOperation: [403, 'You are not authorized to perform this operation.'],
  AuthFailure: [401, 'AWS was not able to validate the provided access credentials'],
  // The web identity exchange's transient failures, worded as STS words them.
  IDPCommunicationError: [
    400,
    'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.'
  ],
  InvalidIdentityToken: [
    400,
    "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
  ]
}

export function knownError(code: string, status?: number, message?: string): AwsError {
  const [defaultStatus, defaultMessage] = KNOWN_ERRORS[code] ?? [status ?? 400, code]
  return new AwsError(status ?? defaultStatus, code, message ?? defaultMessage)
}

/** Default error code for an injected status without a code, per service. */
export function codeForStatus(service: AwsService, status: number): string {
  if (service === 'organizations') {
    if (status === 429 || status === 400) return 'TooManyRequestsException'
    if (status === 401 || status === 403) return 'AccessDeniedException'
    return status >= 500 ? 'ServiceException' : 'InvalidInputException'
  }
  if (status === 503) return service === 'ec2' ? 'Unavailable' : 'ServiceUnavailable'
  if (status >= 500) return service === 'ec2' ? 'InternalError' : 'InternalFailure'
  if (status === 429 || status === 400) return service === 'ec2' ? 'RequestLimitExceeded' : 'Throttling'
  if (status === 401 || status === 403) return service === 'ec2' ? 'UnauthorizedOperation' : 'AccessDenied'
  return 'ValidationError'
}

export const validationError = (message: string): AwsError => new AwsError(400, 'ValidationError', message)
