import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import semver from 'semver'

interface LockPackage {
  version?: string
  engines?: { node?: string }
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockPackage>
}

/** The lowest version of each range of `engines.node`: the oldest node a contributor may run npm ci with. */
function lowestSupported(range: string): string[] {
  return range.split('||').map(part => semver.minVersion(part.trim())!.version)
}

describe('package.json engines', () => {
  it('every installed package accepts the oldest node of each supported line (npm ci prints no EBADENGINE)', () => {
    const versions = lowestSupported(pkg.engines.node)
    expect(versions.length).toBeGreaterThan(0)
    const rejecting = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) =>
        versions
          .filter(v => entry.engines?.node !== undefined && !semver.satisfies(v, entry.engines.node))
          .map(
            v =>
              `${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${entry.engines!.node}, not ${v}`
          )
      )
    expect(rejecting).toEqual([])
  })

  it('includes node 24, the runtime the action runs on', () => {
    expect(semver.satisfies('24.0.0', pkg.engines.node)).toBe(true)
  })
})
