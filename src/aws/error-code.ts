/** The fields an SDK or network error may carry its code in. */
interface CodedError {
  name?: string
  code?: string
  Code?: string
}

/** Node's network error codes: on such an error the SDK's `name` is only the generic class name. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'TimeoutError',
  'RequestTimeout'
])

/** AWS's ways of saying "IAM does not allow this": never worth a retry. */
export const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess'
])

/**
 * The code AWS or the network stack gave, whichever the SDK put where. Query-protocol errors carry the
 * wire code in `Code` (e.g. `IDPCommunicationError`) and the modelled class in `name`
 * (`IDPCommunicationErrorException`); the wire code is the one AWS documents.
 */
export function errorCodeOf(error: unknown): string {
  if (error === null || typeof error !== 'object') return 'Error'
  const fields = error as CodedError
  if (fields.code && NETWORK_ERROR_CODES.has(fields.code)) return fields.code
  return fields.Code ?? fields.name ?? fields.code ?? 'Error'
}

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED_CODES.has(errorCodeOf(error))
}
