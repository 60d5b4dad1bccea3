// The grammar of `require-permissions`, pure: lines `service:Action [resource-arn]`, and the Allow
// statements of an IAM policy document (what a `file:PATH` line holds) turned into the same
// requirements. Nothing here reads a file or an input; permission-inputs.ts does.

/** One action the deploy needs, on one resource (`*`: any, as the simulation's default). */
export interface RequiredPermission {
  readonly action: string
  readonly resource: string
  /** Where it was asked for, for messages: `line 3`, `file:deploy.json statement 2`. */
  readonly origin: string
}

/** A line that is not a requirement: names the line and what is allowed. */
export class RequirementSyntaxError extends Error {}

// The simulation takes exact action names (3-128 characters, no wildcards) and resource ARNs up to
// 2,048 characters (IAM API reference, SimulatePrincipalPolicy).
const ACTION = /^[a-z0-9-]{1,64}:[A-Za-z0-9]{1,126}$/
const MAX_ACTION_LENGTH = 128
const MAX_ARN_LENGTH = 2048
const ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:\S+$/

export function checkAction(action: string, where: string): string {
  if (action.includes('*') || action.includes('?')) {
    throw new RequirementSyntaxError(
      `${where}: '${action}' has a wildcard. The simulation evaluates exact actions; list each action the deploy calls (e.g. s3:PutObject).`
    )
  }
  if (!ACTION.test(action) || action.length > MAX_ACTION_LENGTH) {
    throw new RequirementSyntaxError(
      `${where}: '${action}' is not an IAM action. Expected service:Action, e.g. s3:PutObject or cloudformation:UpdateStack.`
    )
  }
  return action
}

export function checkResource(resource: string, where: string): string {
  if (resource === '*') return resource
  if (!ARN.test(resource) || resource.length > MAX_ARN_LENGTH) {
    throw new RequirementSyntaxError(
      `${where}: '${resource}' is not a resource ARN. Expected * or arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (at most ${MAX_ARN_LENGTH} characters), e.g. arn:aws:s3:::my-bucket/*.`
    )
  }
  return resource
}

/** `service:Action [resource-arn]`; the resource defaults to `*`. */
export function parseRequirementLine(line: string, where: string): RequiredPermission {
  const words = line.split(/\s+/)
  if (words.length > 2) {
    throw new RequirementSyntaxError(
      `${where}: expected 'service:Action' or 'service:Action resource-arn' (one per line), got ${words.length} words.`
    )
  }
  const action = checkAction(words[0]!, where)
  const resource = checkResource(words[1] ?? '*', where)
  return { action, resource, origin: where }
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

/**
 * The Allow statements of a policy document as requirements (each action on each resource). Deny
 * statements are no requirement; NotAction/NotResource cannot be listed as exact pairs, so they are
 * rejected rather than guessed at.
 */
export function requirementsFromPolicy(document: unknown, where: string): RequiredPermission[] {
  const statement = (document as { Statement?: unknown } | null)?.Statement
  if (document === null || typeof document !== 'object' || statement === undefined) {
    throw new RequirementSyntaxError(`${where}: not an IAM policy document (no Statement).`)
  }
  const required: RequiredPermission[] = []
  asList(statement).forEach((s, index) => {
    const at = `${where} statement ${index + 1}`
    const fields = (s ?? {}) as Record<string, unknown>
    if (fields.Effect !== 'Allow') return
    if (fields.NotAction !== undefined || fields.NotResource !== undefined) {
      throw new RequirementSyntaxError(
        `${at}: NotAction/NotResource cannot be proved action by action; write the Allow statement with Action and Resource.`
      )
    }
    const actions = asList(fields.Action)
    const resources = fields.Resource === undefined ? ['*'] : asList(fields.Resource)
    for (const value of [...actions, ...resources]) {
      if (typeof value !== 'string') {
        throw new RequirementSyntaxError(`${at}: Action and Resource must be strings or lists of strings.`)
      }
    }
    for (const action of actions as string[]) {
      for (const resource of resources as string[]) {
        required.push({ action: checkAction(action, at), resource: checkResource(resource, at), origin: at })
      }
    }
  })
  if (required.length === 0) {
    throw new RequirementSyntaxError(`${where}: the policy has no Allow statement, so it requires nothing.`)
  }
  return required
}

/** One requirement per action (case-insensitive, as IAM) and resource; the first origin is kept. */
export function dedupeRequirements(required: readonly RequiredPermission[]): RequiredPermission[] {
  const seen = new Map<string, RequiredPermission>()
  for (const r of required) {
    const key = `${r.action.toLowerCase()} ${r.resource}`
    if (!seen.has(key)) seen.set(key, r)
  }
  return [...seen.values()]
}
