// Builds dist/ exactly as committed: the main bundle with its lazily loaded chunks, the post entry, and
// the audit-merge sub-action's bundle in dist/merge/ (audit-merge/action.yml runs ../dist/merge/index.js).
import { execFileSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { minifyChunks } from './minify-chunks.mjs'

const ncc = join('node_modules', '.bin', 'ncc')
const build = (...args) =>
  execFileSync(ncc, ['build', ...args, '--minify', '--target', 'es2022'], { stdio: 'inherit' })

rmSync('dist', { recursive: true, force: true })
build('src/index.ts', '-o', 'dist', '--license', 'licenses.txt')

await minifyChunks('dist')

// ncc deletes every .js under its output folder, so the post bundle is built elsewhere and copied in.
const postDir = mkdtempSync(join(tmpdir(), 'aws-auth-check-post-'))
try {
  build('src/post.ts', '-o', postDir)
  copyFileSync(join(postDir, 'index.js'), join('dist', 'post.js'))
} finally {
  rmSync(postDir, { recursive: true, force: true })
}

// The merge sub-action has lazily loaded chunks of its own (the GitHub client, the glob), so it gets a
// folder: built elsewhere for the same reason as post, then copied in whole.
const mergeDir = mkdtempSync(join(tmpdir(), 'aws-auth-check-merge-'))
try {
  build('src/merge.ts', '-o', mergeDir)
  await minifyChunks(mergeDir)
  cpSync(mergeDir, join('dist', 'merge'), { recursive: true })
} finally {
  rmSync(mergeDir, { recursive: true, force: true })
}

// The refresh endpoint (refresh-credentials) is a process of its own that lives for the whole job: a
// bundle of its own whose SDK parts are chunks loaded at the first renewal, and the profile's
// credential_process reader next to it. Built elsewhere for the same reason as post.
const refreshDir = mkdtempSync(join(tmpdir(), 'aws-auth-check-refresh-'))
const readerDir = mkdtempSync(join(tmpdir(), 'aws-auth-check-reader-'))
try {
  build('src/refresh-server.ts', '-o', refreshDir)
  await minifyChunks(refreshDir)
  build('src/refresh-credential-process.ts', '-o', readerDir)
  cpSync(refreshDir, join('dist', 'refresh'), { recursive: true })
  copyFileSync(join(readerDir, 'index.js'), join('dist', 'refresh', 'credential-process.js'))
} finally {
  rmSync(refreshDir, { recursive: true, force: true })
  rmSync(readerDir, { recursive: true, force: true })
}
