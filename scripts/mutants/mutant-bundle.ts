// The mutation check's bundle: dist/index.js and dist/post.js (with their lazily loaded chunks) built by
// esbuild in about two seconds, where `npm run bundle` (ncc, terser, three entries) takes about a minute.
// Only the mutation check uses it: the baseline run proves the listed tests pass on this build unbroken,
// and each mutant must change its bytes, so a mutant is judged against the same build as its baseline.
// dist/ itself, the one users run, is always ncc's (scripts/bundle.mjs) and tested by the whole suite.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

// CommonJS dependencies inside ES-module chunks still call require and read __dirname/__filename.
const COMMONJS_GLOBALS = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { dirname as __pathDirname } from 'node:path';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);'
].join(' ')

/** Builds `<work>/dist` from `<work>/src`; returns a hash of every file written. */
export async function bundleForMutants(work: string): Promise<string> {
  const outdir = join(work, 'dist')
  rmSync(outdir, { recursive: true, force: true })
  await build({
    absWorkingDir: work,
    entryPoints: { index: 'src/index.ts', post: 'src/post.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    outdir,
    banner: { js: COMMONJS_GLOBALS },
    // The SDK's ES-module builds, as the action imports them: esbuild cannot see the names a CommonJS
    // module exports to an import() (patched @aws-sdk/credential-provider-node).
    mainFields: ['module', 'main'],
    logLevel: 'error'
  })
  const hash = createHash('sha256')
  for (const file of readdirSync(outdir).sort()) hash.update(file).update(readFileSync(join(outdir, file)))
  return hash.digest('hex')
}
