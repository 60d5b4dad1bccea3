// Evaluates a role's trust policy the way STS does for the subset of IAM policy grammar the seeds use:
// Allow and Deny statements (a matching Deny wins), Federated / AWS principals, Action lists with wildcards, and the String* condition
// operators (with ForAnyValue:/ForAllValues: prefixes and the IfExists suffix).
import type { ConditionBlock, TrustStatement } from './seed.js'
import { wildcardToRegExp } from './permissions.js'

export type ConditionContext = Record<string, string | undefined>

export interface TrustRequest {
  action: 'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity' | 'sts:TagSession'
  /** Federated provider ARN, or the caller's ARNs (session ARN and role ARN, or user ARN). */
  principals: { federated?: string; aws?: string[] }
  accountId: string
  context: ConditionContext
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

function principalMatches(statement: TrustStatement, request: TrustRequest): boolean {
  const { federated, aws = [] } = request.principals
  if (federated && asList(statement.Principal.Federated).includes(federated)) return true
  return asList(statement.Principal.AWS).some(p => {
    if (p === '*') return true
    // The account root (or bare account id) delegates to the account's own identity policies.
    if (p === request.accountId || p.endsWith(`:iam::${request.accountId}:root`)) return aws.length > 0
    return aws.includes(p)
  })
}

function conditionHolds(operatorName: string, expected: string[], actual: string | undefined): boolean {
  const ifExists = operatorName.endsWith('IfExists')
  const operator = operatorName.replace(/^For(Any|All)Value:/, '').replace(/IfExists$/, '')
  if (actual === undefined) return ifExists || operator.startsWith('StringNot')
  switch (operator) {
    case 'StringEquals':
      return expected.includes(actual)
    case 'StringNotEquals':
      return !expected.includes(actual)
    case 'StringEqualsIgnoreCase':
      return expected.some(e => e.toLowerCase() === actual.toLowerCase())
    case 'StringNotEqualsIgnoreCase':
      return !expected.some(e => e.toLowerCase() === actual.toLowerCase())
    case 'StringLike':
      return expected.some(e => wildcardToRegExp(e).test(actual))
    case 'StringNotLike':
      return !expected.some(e => wildcardToRegExp(e).test(actual))
    default:
      throw new Error(`fake-aws trust policies do not support the ${operatorName} condition operator`)
  }
}

/** Condition keys are case-insensitive in IAM. */
export function conditionsHold(conditions: ConditionBlock | undefined, context: ConditionContext): boolean {
  const lowered = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]))
  return Object.entries(conditions ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) =>
      conditionHolds(operator, asList(values), lowered.get(key.toLowerCase()))
    )
  )
}

function statementMatches(s: TrustStatement, request: TrustRequest): boolean {
  return (
    asList(s.Action).some(a => wildcardToRegExp(a, 'i').test(request.action)) &&
    principalMatches(s, request) &&
    conditionsHold(s.Condition, request.context)
  )
}

/** IAM's order: an explicit Deny that matches wins; otherwise some Allow must match. */
export function trustAllows(statements: readonly TrustStatement[], request: TrustRequest): boolean {
  if (statements.some(s => s.Effect === 'Deny' && statementMatches(s, request))) return false
  return statements.some(s => s.Effect === 'Allow' && statementMatches(s, request))
}
