/**
 * An error whose message is written for the person reading the workflow log: context, then the cause,
 * then what to change. Anything else that reaches the top is reported with its class name as context.
 */
export class ActionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ActionError'
  }
}
