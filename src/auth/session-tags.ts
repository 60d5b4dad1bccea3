import type { Tag } from '@aws-sdk/client-sts'
import type { Settings } from '../inputs/settings.js'

/** The runner variables each session tag is read from, in the order the tags are sent. */
const TAG_SOURCES = [
  ['Repository', 'GITHUB_REPOSITORY'],
  ['Workflow', 'GITHUB_WORKFLOW'],
  ['Action', 'GITHUB_ACTION'],
  ['Actor', 'GITHUB_ACTOR'],
  ['Commit', 'GITHUB_SHA'],
  ['Branch', 'GITHUB_REF']
] as const

/** AWS accepts Unicode letters, numbers, white space and _.:/=+-@ in tag values, up to 256 characters. */
const DISALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu
const MAX_VALUE_LENGTH = 256

/**
 * Makes a runner value acceptable as a session tag value. Workflow names are free text ("CI (main)",
 * emoji), and AssumeRole rejects the whole call over one bad character, so each one becomes `_`.
 * Truncates by characters, not UTF-16 units, so a surrogate pair is never cut in half.
 */
export function sanitiseTagValue(value: string): string {
  return Array.from(value.replace(DISALLOWED, '_')).slice(0, MAX_VALUE_LENGTH).join('')
}

/**
 * The GitHub context as AssumeRole session tags, so CloudTrail and `aws:PrincipalTag` conditions can
 * tell which repository, workflow and commit a session acted for. `GitHub: Actions` comes first, as
 * configure-aws-credentials sends it (trust policies match on it). Variables the runner did not set are
 * left out rather than sent empty.
 */
export function sessionTags(env: Readonly<Record<string, string | undefined>>): Tag[] {
  return [
    { Key: 'GitHub', Value: 'Actions' },
    ...TAG_SOURCES.filter(([, variable]) => env[variable]).map(([Key, variable]) => ({
      Key,
      Value: sanitiseTagValue(env[variable]!)
    }))
  ]
}

/** Every tag of an AssumeRole call: the GitHub context (unless skipped), then custom-tags. */
export function allSessionTags(
  settings: Pick<Settings, 'roleSkipSessionTagging' | 'customTags'>,
  env: Readonly<Record<string, string | undefined>>
): Tag[] {
  const github = settings.roleSkipSessionTagging ? [] : sessionTags(env)
  return [...github, ...settings.customTags.map(t => ({ Key: t.key, Value: t.value }))]
}
