// AWS errors as the SDK throws them, for unit tests that mock a client (aws-sdk-client-mock).

export interface AwsErrorDetails {
  /** AWS's message; the code itself when not given. */
  readonly message?: string
  /** `$metadata.attempts`, as the SDK's retry middleware sets it; absent when not given. */
  readonly attempts?: number
  /** Also sets `Code`, as the query protocol (STS) does. */
  readonly wireCode?: boolean
}

/** An SDK error: `name` is the code, `$metadata.httpStatusCode` the status. */
export function awsError(name: string, status: number, details: AwsErrorDetails = {}): Error {
  const { message = name, attempts, wireCode = false } = details
  return Object.assign(new Error(message), {
    name,
    ...(wireCode ? { Code: name } : {}),
    $metadata: { httpStatusCode: status, ...(attempts === undefined ? {} : { attempts }) }
  })
}

/** An STS (query protocol) error: the wire code in both `name` and `Code`; 400 unless given. */
export function stsError(code: string, message: string, status = 400): Error {
  return awsError(code, status, { message, wireCode: true })
}

/**
 * AWS refusing `action` (AccessDenied; EC2 calls it UnauthorizedOperation), with AWS's message naming
 * the caller when `who` is given.
 */
export function accessDenied(action: string, options: { who?: string; wireCode?: boolean } = {}): Error {
  const { who, wireCode } = options
  const message = `${who === undefined ? '' : `User: ${who} is `}not authorized to perform: ${action}`
  const code = action.startsWith('ec2:') ? 'UnauthorizedOperation' : 'AccessDenied'
  return awsError(code, 403, { message, wireCode })
}
