import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileFactoriesEagerly } from '../../scripts/eager-factories.mjs'

// A bundle shaped as ncc emits it: an entry with the module map and the runtime, and a lazily loaded
// chunk. Each factory logs its id when it runs, so the test can compare what runs with what is wrapped.
const entry = `import { createRequire } from 'module'
const ran = (globalThis.ran = [])
var modules = {
  1: (e, t, n) => { ran.push(1); const two = n(2); e.exports = { lazy: () => n(3), load: () => n.e(9).then(n.bind(n, 4)) } },
  2: (e) => { ran.push(2); e.exports = 'two' },
  3: (e) => { ran.push(3); e.exports = 'three' },
  6: (e) => { ran.push(6); e.exports = 'never' },
  7: (e, t, n) => { n.a(e, async (e, t) => { ran.push(7); const one = n(1); await one.load(); t() }) }
}
var cache = {}
function __nccwpck_require__(id) {
  if (cache[id]) return cache[id].exports
  const module = (cache[id] = { exports: {} })
  ;(modules[id] ?? chunk[id]).call(module.exports, module, module.exports, __nccwpck_require__)
  return module.exports
}
var chunk = {}
__nccwpck_require__.e = async () => Object.assign(chunk, (await import('./9.index.js')).modules)
__nccwpck_require__.a = (module, body) => body(module, () => undefined)
var r = __nccwpck_require__(7)
await new Promise(resolve => setTimeout(resolve, 10))
console.log(JSON.stringify(ran.sort()))
`
const lazyChunk = `export const id = 9
export const modules = {
  4: (e, t, r) => { globalThis.ran.push(4); r(5); e.exports = 'four' },
  5: function (e) { globalThis.ran.push(5); e.exports = 'five' },
  8: (e, t, r) => { e.exports = () => r(5) }
}
`

function withBundle<T>(test: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'eager-factories-'))
  try {
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
    writeFileSync(join(dir, 'index.js'), entry)
    writeFileSync(join(dir, '9.index.js'), lazyChunk)
    return test(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// Every factory above starts with its parameter list or `function`: a wrapped one, with one more parenthesis.
const wrapped = (source: string) => [...source.matchAll(/(\d+): \((?:\(|function)/g)].map(m => Number(m[1]))

describe('compileFactoriesEagerly', () => {
  it('wraps the factories that run whenever their module does, and only those', () => {
    const eager = withBundle(dir => {
      const ids = compileFactoriesEagerly(dir)
      const files =
        readFileSync(join(dir, 'index.js'), 'utf8') + readFileSync(join(dir, '9.index.js'), 'utf8')
      expect(wrapped(files).sort()).toEqual([...ids].sort())
      return ids
    })
    // 7 is the entry (an async module: its body is its top level); 1 and 2 are required at top level;
    // 4 is a dynamic import's target and requires 5. 3 and 8 are required only from inside a function,
    // 6 from nowhere.
    expect([...eager].sort()).toEqual([1, 2, 4, 5, 7])
  })

  it('leaves what the bundle does unchanged', () => {
    const run = (dir: string) => execFileSync(process.execPath, [join(dir, 'index.js')], { encoding: 'utf8' })
    const before = withBundle(run)
    const after = withBundle(dir => {
      compileFactoriesEagerly(dir)
      return run(dir)
    })
    expect(before).toBe('[1,2,4,5,7]\n')
    expect(after).toBe(before)
  })
})
