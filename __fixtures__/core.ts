import { jest } from '@jest/globals'
import type * as core from '@actions/core'

/**
 * Typed stand-ins for @actions/core. `calls` records every call in order across all functions, so a test
 * can prove a secret was masked before anything could print or export it.
 */
export const calls: { fn: string; args: unknown[] }[] = []

function recorded<F extends (...args: never[]) => unknown>(
  fn: string,
  impl?: (...args: Parameters<F>) => ReturnType<F>
) {
  return jest.fn<F>(((...args: Parameters<F>) => {
    calls.push({ fn, args })
    return impl?.(...args)
  }) as F)
}

export const inputs: Record<string, string> = {}

export const getInput = recorded<typeof core.getInput>('getInput', name => inputs[name] ?? '')
export const setSecret = recorded<typeof core.setSecret>('setSecret')
export const setOutput = recorded<typeof core.setOutput>('setOutput')
export const exportVariable = recorded<typeof core.exportVariable>('exportVariable')
export const setFailed = recorded<typeof core.setFailed>('setFailed')
export const saveState = recorded<typeof core.saveState>('saveState')
export const getState = recorded<typeof core.getState>('getState', () => '')
export const debug = recorded<typeof core.debug>('debug')
export const info = recorded<typeof core.info>('info')
export const warning = recorded<typeof core.warning>('warning')
export const notice = recorded<typeof core.notice>('notice')
export const error = recorded<typeof core.error>('error')
export const getIDToken = recorded<typeof core.getIDToken>('getIDToken', async () => {
  throw new Error('no OIDC token scripted: use getIDToken.mockResolvedValueOnce')
})
export const isDebug = jest.fn<typeof core.isDebug>(() => false)
export const group = jest.fn(async <T>(_name: string, fn: () => Promise<T>): Promise<T> => fn())
export const startGroup = recorded<typeof core.startGroup>('startGroup')
export const endGroup = recorded<typeof core.endGroup>('endGroup')
export const summary = {
  addHeading: jest.fn().mockReturnThis(),
  addTable: jest.fn().mockReturnThis(),
  addRaw: jest.fn().mockReturnThis(),
  addList: jest.fn().mockReturnThis(),
  addDetails: jest.fn().mockReturnThis(),
  addCodeBlock: jest.fn().mockReturnThis(),
  addBreak: jest.fn().mockReturnThis(),
  addSeparator: jest.fn().mockReturnThis(),
  write: jest.fn(async () => summary),
  stringify: jest.fn(() => '')
}

/** Resets every mock and the call log; sets the inputs for the next test. */
export function reset(newInputs: Record<string, string> = {}): void {
  calls.length = 0
  for (const key of Object.keys(inputs)) delete inputs[key]
  Object.assign(inputs, newInputs)
}
