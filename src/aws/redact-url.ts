/** A URL with any password replaced, so an error can name a proxy without leaking its credentials. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value)
    if (url.password) url.password = '***'
    return url.href
  } catch {
    return value.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
  }
}
