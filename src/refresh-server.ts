// The refresh endpoint's bundle (dist/refresh/index.js): the endpoint itself, or with --renew one
// renewal, started by the endpoint. Each loads only its own part.
const run = process.argv.includes('--renew')
  ? (await import('./refresh/renewal-process.js')).runRenewal
  : (await import('./refresh/server-process.js')).runRefreshServer

run().catch(error => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})
