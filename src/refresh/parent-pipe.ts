/**
 * The one message a process started with an IPC pipe waits for from its parent: the endpoint's plan (from
 * the step) or a renewal's (from the endpoint). If the parent goes first, the pipe closes and there is
 * nothing to do: the process exits quietly.
 */
export function receiveFromParent<T>(): Promise<T> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('started without the pipe to its parent'))
    const ended = (): void => process.exit(0)
    process.once('disconnect', ended)
    process.once('message', message => {
      process.off('disconnect', ended)
      resolve(message as T)
    })
  })
}
