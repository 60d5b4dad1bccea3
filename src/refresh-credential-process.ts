import { runCredentialProcess } from './refresh/credential-process.js'

await runCredentialProcess()
