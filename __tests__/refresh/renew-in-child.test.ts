import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { isPermanentFailure, RenewalFailure, renewInChild } from '../../src/refresh/renew-in-child.js'
import { isRunning } from '../../src/refresh/stop-endpoint.js'
import { setTimeout as sleep } from 'node:timers/promises'
import type { RefreshPlan } from '../../src/refresh/refresh-plan.js'

const folder = mkdtempSync(join(tmpdir(), 'renew-in-child-'))

/** A stand-in for `dist/refresh/index.js --renew`: `body` runs with the received plan as `plan`. */
function renewalScript(name: string, body: string): string {
  const path = join(folder, `${name}.cjs`)
  writeFileSync(path, `process.once('message', plan => { ${body} })\n`)
  return path
}

const plan = { source: 'assume-role', env: { GITHUB_REPOSITORY: 'octo/app' } } as unknown as RefreshPlan

describe('renew-in-child', () => {
  it('hands the plan through the pipe and resolves with the answered session', async () => {
    const script = renewalScript(
      'answers',
      `process.send({ credentials: { accessKeyId: 'ASIA' + plan.source, secretAccessKey: 's', sessionToken: process.argv[2] }, expiresAt: 1700000000000 }, () => process.exit(0))`
    )
    await expect(renewInChild(script, plan)).resolves.toEqual({
      accessKeyId: 'ASIAassume-role',
      secretAccessKey: 's',
      sessionToken: '--renew',
      expiration: new Date(1700000000000)
    })
  })

  it('rejects with the answered error, permanent or not', async () => {
    const gone = renewalScript(
      'refused',
      `process.send({ error: 'GitHub refused a token: HTTP 403', permanent: true }, () => process.exit(0))`
    )
    const refusal = await renewInChild(gone, plan).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(RenewalFailure)
    expect((refusal as Error).message).toBe('GitHub refused a token: HTTP 403')
    expect(isPermanentFailure(refusal)).toBe(true)

    const throttled = renewalScript(
      'throttled',
      `process.send({ error: 'Rate exceeded', permanent: false }, () => process.exit(0))`
    )
    const failure = await renewInChild(throttled, plan).catch((error: unknown) => error)
    expect(isPermanentFailure(failure)).toBe(false)
    expect(isPermanentFailure(new Error('GitHub refused'))).toBe(false)
  })

  it('fails, to be retried, when the process exits without answering', async () => {
    const crash = renewalScript('crash', `process.exit(3)`)
    await expect(renewInChild(crash, plan)).rejects.toThrow(
      'the renewal process exited with code 3 without answering'
    )
  })

  it('kills a renewal that does not answer in time', async () => {
    const pidFile = join(folder, 'hung.pid')
    const hung = renewalScript(
      'hung',
      `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`
    )
    await expect(renewInChild(hung, plan, 1_000)).rejects.toThrow('the renewal did not finish within 1 s')
    const pid = Number(readFileSync(pidFile, 'utf8'))
    // The killed process is gone (signal 0 only checks it exists).
    for (let waited = 0; waited < 2_000 && isRunning(pid); waited += 50) await sleep(50)
    expect(isRunning(pid)).toBe(false)
  })
})
