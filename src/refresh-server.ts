import { runRefreshServer } from './refresh/server-process.js'

runRefreshServer().catch(error => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})
