import { InputError, boolean, document, list, quoted, type Read } from './read-input.js'

/** A session tag as AssumeRole takes it. */
export interface SessionTag {
  readonly key: string
  readonly value: string
}

/** What narrows or labels the assumed session: session policies, session tags, and the key workaround. */
export interface SessionSettings {
  /** Inline session policy, packed (JSON without insignificant white space), as sent to STS. */
  readonly inlineSessionPolicy?: string
  /** ARNs of managed policies that narrow the session. */
  readonly managedSessionPolicies: readonly string[]
  /** Session tag keys marked transitive, so role chaining keeps them. */
  readonly transitiveTagKeys: readonly string[]
  /** Extra session tags from custom-tags, sent after the GitHub context tags. */
  readonly customTags: readonly SessionTag[]
  /** Repeat the assume call until the secret key has only letters and digits (configure-aws-credentials). */
  readonly specialCharactersWorkaround: boolean
}

/** The GitHub context tag keys (src/auth/session-tags.ts), sent unless role-skip-session-tagging. */
export const GITHUB_TAG_KEYS = ['GitHub', 'Repository', 'Workflow', 'Action', 'Actor', 'Commit', 'Branch']

// AWS's limits (STS API reference: AssumeRole Policy, PolicyArns, Tags, TransitiveTagKeys).
const MAX_POLICY_CHARS = 2048
const MAX_POLICY_ARNS = 10
const MAX_TAGS = 50
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
// eslint-disable-next-line no-control-regex -- AWS's own character range for policies
const POLICY_TEXT = /^[\u0009\u000a\u000d\u0020-\u00ff]*$/
const POLICY_ARN =
  /^arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/

function readInlinePolicy(read: Read): string | undefined {
  const raw = document(read, 'inline-session-policy')
  if (raw === undefined) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch (error) {
    throw new InputError(
      'inline-session-policy',
      `is not valid JSON (${error instanceof Error ? error.message.slice(0, 80) : 'parse error'}). Expected an IAM policy document like {"Version":"2012-10-17","Statement":[…]}.`
    )
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw new InputError(
      'inline-session-policy',
      'is JSON but not a policy document. Expected an object with a "Statement", like {"Version":"2012-10-17","Statement":[…]}.'
    )
  }
  const packed = JSON.stringify(parsed)
  if (packed.length > MAX_POLICY_CHARS) {
    throw new InputError(
      'inline-session-policy',
      `is ${packed.length} characters without white space; AWS accepts at most ${MAX_POLICY_CHARS}. Shorten it (wildcards in actions, fewer statements), or move part of it to a managed policy in managed-session-policies.`
    )
  }
  if (!POLICY_TEXT.test(packed)) {
    throw new InputError(
      'inline-session-policy',
      'contains characters AWS does not accept in a session policy (only tab, line breaks and U+0020 to U+00FF).'
    )
  }
  return packed
}

function readPolicyArns(read: Read): string[] {
  const arns = [...new Set(list(read, 'managed-session-policies'))]
  const bad = arns.find(arn => !POLICY_ARN.test(arn))
  if (bad !== undefined) {
    throw new InputError(
      'managed-session-policies',
      `got ${quoted(bad)}. Expected managed policy ARNs like arn:aws:iam::aws:policy/ReadOnlyAccess, separated by commas or newlines.`
    )
  }
  if (arns.length > MAX_POLICY_ARNS) {
    throw new InputError(
      'managed-session-policies',
      `lists ${arns.length} policies; AWS accepts at most ${MAX_POLICY_ARNS} per session.`
    )
  }
  return arns
}

function checkTagKey(input: string, key: string): void {
  if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key) || /^aws:/i.test(key)) {
    throw new InputError(
      input,
      `has the tag key ${quoted(key)}. Expected 1-128 letters, digits, spaces and _.:/=+-@, not starting with aws:.`
    )
  }
}

function readCustomTags(read: Read): SessionTag[] {
  const raw = document(read, 'custom-tags')
  if (raw === undefined) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    parsed = undefined
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError('custom-tags', 'is not a JSON object. Expected {"Key": "value", …}.')
  }
  return Object.entries(parsed).map(([key, value]) => {
    checkTagKey('custom-tags', key)
    if (typeof value !== 'string' || value.length > 256 || !TAG_TEXT.test(value)) {
      throw new InputError(
        'custom-tags',
        `has a bad value for the tag ${quoted(key)}. Expected a string of at most 256 letters, digits, spaces and _.:/=+-@.`
      )
    }
    return { key, value }
  })
}

function readTransitiveKeys(read: Read): string[] {
  const keys = [...new Set(list(read, 'transitive-tag-keys'))]
  for (const key of keys) checkTagKey('transitive-tag-keys', key)
  return keys
}

export function readSessionInputs(read: Read): SessionSettings {
  return {
    inlineSessionPolicy: readInlinePolicy(read),
    managedSessionPolicies: Object.freeze(readPolicyArns(read)),
    transitiveTagKeys: Object.freeze(readTransitiveKeys(read)),
    customTags: Object.freeze(readCustomTags(read)),
    specialCharactersWorkaround: boolean(read, 'special-characters-workaround', false)
  }
}

/** The session inputs against the role inputs: they shape an assumed session, so they need one. */
export function validateSessionInputs(
  settings: SessionSettings & { readonly roleToAssume?: string; readonly roleSkipSessionTagging: boolean }
): void {
  if (settings.roleToAssume === undefined) {
    for (const [name, given] of [
      ['inline-session-policy', settings.inlineSessionPolicy !== undefined],
      ['managed-session-policies', settings.managedSessionPolicies.length > 0],
      ['custom-tags', settings.customTags.length > 0],
      ['transitive-tag-keys', settings.transitiveTagKeys.length > 0],
      ['special-characters-workaround', settings.specialCharactersWorkaround]
    ] as const) {
      if (given)
        throw new InputError(
          name,
          'shapes an assumed role session; it is only used together with role-to-assume.'
        )
    }
  }
  const githubKeys = settings.roleSkipSessionTagging ? [] : GITHUB_TAG_KEYS
  const sent = [...githubKeys, ...settings.customTags.map(t => t.key)]
  const clash = settings.customTags.find(t => githubKeys.some(k => k.toLowerCase() === t.key.toLowerCase()))
  if (clash) {
    throw new InputError(
      'custom-tags',
      `has the tag ${quoted(clash.key)}, which the action already sends from the GitHub context (tag keys are case-insensitive). Rename it, or set role-skip-session-tagging.`
    )
  }
  if (sent.length > MAX_TAGS) {
    throw new InputError(
      'custom-tags',
      `has ${settings.customTags.length} tags; with the ${githubKeys.length} GitHub context tags that is ${sent.length}, and AWS accepts at most ${MAX_TAGS} session tags.`
    )
  }
  const missing = settings.transitiveTagKeys.find(k => !sent.some(s => s.toLowerCase() === k.toLowerCase()))
  if (missing !== undefined) {
    throw new InputError(
      'transitive-tag-keys',
      `names ${quoted(missing)}, which is not a session tag this action sends. Expected keys of the GitHub context tags (${githubKeys.join(', ') || 'skipped'}) or of custom-tags.`
    )
  }
}
