// Builds dist/ exactly as committed: the main bundle (with its lazily loaded chunks) and the post entry.
// ncc deletes every .js under its output folder, so the post bundle is built elsewhere and copied in.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ncc = join('node_modules', '.bin', 'ncc')
const run = (...args) =>
  execFileSync(ncc, ['build', ...args, '--minify', '--target', 'es2022'], { stdio: 'inherit' })

rmSync('dist', { recursive: true, force: true })
run('src/index.ts', '-o', 'dist', '--license', 'licenses.txt')
const postDir = mkdtempSync(join(tmpdir(), 'aws-auth-check-post-'))
try {
  run('src/post.ts', '-o', postDir)
  copyFileSync(join(postDir, 'index.js'), join('dist', 'post.js'))
} finally {
  rmSync(postDir, { recursive: true, force: true })
}
