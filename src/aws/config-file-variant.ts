import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

type Env = Readonly<Record<string, string | undefined>>

const VARIANT_SETTING = /^[ \t]*use_(fips|dualstack)_endpoint[ \t]*=[ \t]*true[ \t]*$/im

/**
 * Whether the shared config file (AWS_CONFIG_FILE, else ~/.aws/config) turns a FIPS or dual-stack
 * endpoint on in any profile. The SDK honours that when the job's variables say nothing; which profile
 * applies is the SDK's business, so the warm-up then guesses no endpoint rather than open a connection
 * to one the SDK will not use. A missing or unreadable file turns nothing on.
 */
export function configFileSetsVariant(env: Env = process.env): boolean {
  const home = env.HOME || homedir()
  const configured = env.AWS_CONFIG_FILE?.replace(/^~(?=[/\\])/, home)
  try {
    return VARIANT_SETTING.test(readFileSync(configured || join(home, '.aws', 'config'), 'latin1'))
  } catch {
    return false
  }
}
