// SDK-free, so the entry chunk's token request can classify its failures without loading the SDK.

/** A timeout: the connection did not open, or the endpoint stayed silent (the SDK's TimeoutError). */
export function isNoAnswer(error: unknown): boolean {
  const fields = (error ?? {}) as { name?: string; code?: string }
  return fields.name === 'TimeoutError' || fields.code === 'ETIMEDOUT'
}
