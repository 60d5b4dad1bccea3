// Session policies as AWS applies them: the session may do only what both the role's policies and the
// inline session policy allow. Only Allow statements with Action lists are modelled (what tests send);
// managed session policy ARNs are recorded, not evaluated (the fake holds no managed policy documents).
import { AwsError, validationError } from './aws-error.js'

interface Statement {
  Effect?: string
  Action?: string | string[]
}

/** The actions an inline session policy allows (patterns), or throws AWS's error for a bad policy. */
export function sessionPolicyActions(policy: string): string[] {
  if (policy.length > 2048) {
    throw new AwsError(
      400,
      'PackedPolicyTooLarge',
      'Packed size of the policy and session tags exceeds the limit.'
    )
  }
  let parsed: { Statement?: Statement | Statement[] }
  try {
    parsed = JSON.parse(policy) as typeof parsed
  } catch {
    throw new AwsError(400, 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.')
  }
  const statements = Array.isArray(parsed.Statement)
    ? parsed.Statement
    : parsed.Statement
      ? [parsed.Statement]
      : []
  return statements
    .filter(s => s.Effect === 'Allow')
    .flatMap(s => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : []))
}

/** PolicyArns.member.N.arn of an assume call; AWS accepts at most 10. */
export function readPolicyArns(params: URLSearchParams): string[] {
  const arns: string[] = []
  for (let i = 1; params.has(`PolicyArns.member.${i}.arn`); i++)
    arns.push(params.get(`PolicyArns.member.${i}.arn`) ?? '')
  if (arns.length > 10) {
    throw validationError(
      "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10"
    )
  }
  return arns
}
