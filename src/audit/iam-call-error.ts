/**
 * A failed IAM call, tagged with its IAM action: a denial message has to name the exact action, and the
 * SDK error alone does not say which call it came from.
 */
export class IamCallError extends Error {
  constructor(
    readonly action: string,
    cause: unknown
  ) {
    super(`${action} failed`, { cause })
    this.name = 'IamCallError'
  }
}

/** Runs one IAM call, tagging any error with the action (an already tagged error is kept as it is). */
export async function callIam<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw error instanceof IamCallError ? error : new IamCallError(action, error)
  }
}
