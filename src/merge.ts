import { runMerge } from './run-merge.js'

await runMerge()
