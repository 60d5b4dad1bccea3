// ncc minifies only the entry file. The lazily loaded chunks keep every schema of their SDK module;
// terser drops the unused ones (EC2's chunk goes from 1.4 MB to a few KB), which is parse time and
// memory saved on every run that reaches them. Used by the bundle (scripts/bundle.mjs) and by the
// bench's floor, which must be built the way dist/ is.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { minify } from 'terser'

export async function minifyChunks(dir) {
  for (const chunk of readdirSync(dir).filter(name => /^\d+\.index\.js$/.test(name))) {
    const path = join(dir, chunk)
    const result = await minify(readFileSync(path, 'utf8'), {
      module: true,
      compress: { passes: 2 },
      mangle: true
    })
    writeFileSync(path, result.code)
  }
}
