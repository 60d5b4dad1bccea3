import { run } from './main/run-main.js'

await run()
