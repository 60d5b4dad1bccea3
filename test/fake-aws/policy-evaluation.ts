// Identity-based policy evaluation, as IAM does it for one request: an explicit Deny in any statement
// wins, otherwise any Allow allows, otherwise the request is implicitly denied. Actions match
// case-insensitively with `*`/`?` wildcards (and NotAction), resources case-sensitively (and NotResource).
// Condition blocks are not modelled: a seed statement with one is rejected when the account is built.
import { wildcardToRegExp } from './wildcard.js'

export interface PolicyStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  /** Omitted means `*` for the fake (AWS requires it in identity policies). */
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: unknown
}

export interface PolicyDocument {
  Version?: string
  Statement: PolicyStatement | PolicyStatement[]
}

/** AWS's PolicySourceType values for the policies an identity carries. */
export type PolicySourceType = 'user' | 'role' | 'group' | 'user-managed' | 'aws-managed'

/** One policy as IAM stores it against an identity: inline (type user/role) or attached managed. */
export interface NamedPolicy {
  /** The inline policy's name, or the managed policy's name. */
  name: string
  type: PolicySourceType
  document: PolicyDocument
  /** A managed policy's ARN (attached policies only). */
  arn?: string
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny'

export interface MatchedStatement {
  policy: NamedPolicy
  statement: PolicyStatement
}

export interface Evaluation {
  decision: Decision
  /** The statements that decided: the Deny statements on explicitDeny, the Allow ones on allowed. */
  matched: MatchedStatement[]
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement]
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  const test = (patterns: string[]) => patterns.some(p => wildcardToRegExp(p, 'i').test(action))
  if (statement.NotAction !== undefined) return !test(asList(statement.NotAction))
  return test(asList(statement.Action))
}

/** A request without a resource (actions without resource-level permissions) is on `*`. */
function resourceMatches(statement: PolicyStatement, resource: string): boolean {
  const test = (patterns: string[]) => patterns.some(p => wildcardToRegExp(p).test(resource))
  if (statement.NotResource !== undefined) return !test(asList(statement.NotResource))
  if (statement.Resource === undefined) return true
  return test(asList(statement.Resource))
}

/** Evaluates `action` on `resource` against every policy the identity carries. */
export function evaluatePolicies(
  policies: readonly NamedPolicy[],
  action: string,
  resource = '*'
): Evaluation {
  const allows: MatchedStatement[] = []
  const denies: MatchedStatement[] = []
  for (const policy of policies) {
    for (const statement of statementsOf(policy.document)) {
      if (!actionMatches(statement, action) || !resourceMatches(statement, resource)) continue
      ;(statement.Effect === 'Deny' ? denies : allows).push({ policy, statement })
    }
  }
  if (denies.length > 0) return { decision: 'explicitDeny', matched: denies }
  if (allows.length > 0) return { decision: 'allowed', matched: allows }
  return { decision: 'implicitDeny', matched: [] }
}

/** The seeds' shorthand `allowedActions: [...]` as the inline policy it stands for. */
export function allowedActionsPolicy(type: 'user' | 'role', actions: readonly string[]): NamedPolicy {
  return {
    name: 'allowed-actions',
    type,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [...actions], Resource: '*' }] }
  }
}

/** Rejects what the fake does not model, so a seed never silently means something else. */
export function assertSupportedPolicy(owner: string, policy: NamedPolicy): void {
  for (const statement of statementsOf(policy.document)) {
    if (statement.Condition !== undefined) {
      throw new Error(`seed policy ${policy.name} of ${owner}: Condition is not modelled by fake-aws`)
    }
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
      throw new Error(`seed policy ${policy.name} of ${owner}: Effect must be Allow or Deny`)
    }
  }
}
