import { runMerge } from './merge/run-merge.js'

await runMerge()
