// Builds dist/ exactly as committed: the main bundle with its lazily loaded chunks, and the post entry.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { minify } from 'terser'

const ncc = join('node_modules', '.bin', 'ncc')
const build = (...args) =>
  execFileSync(ncc, ['build', ...args, '--minify', '--target', 'es2022'], { stdio: 'inherit' })

rmSync('dist', { recursive: true, force: true })
build('src/index.ts', '-o', 'dist', '--license', 'licenses.txt')

// ncc minifies only the entry file. The lazily loaded IAM/EC2 chunks keep every schema of their SDK
// module; terser drops the unused ones (EC2's chunk goes from 1.4 MB to a few KB), which is parse
// time and memory saved on every run that reaches those checks.
for (const chunk of readdirSync('dist').filter(name => /^\d+\.index\.js$/.test(name))) {
  const path = join('dist', chunk)
  const result = await minify(readFileSync(path, 'utf8'), {
    module: true,
    compress: { passes: 2 },
    mangle: true
  })
  writeFileSync(path, result.code)
}

// ncc deletes every .js under its output folder, so the post bundle is built elsewhere and copied in.
const postDir = mkdtempSync(join(tmpdir(), 'aws-auth-check-post-'))
try {
  build('src/post.ts', '-o', postDir)
  copyFileSync(join(postDir, 'index.js'), join('dist', 'post.js'))
} finally {
  rmSync(postDir, { recursive: true, force: true })
}
