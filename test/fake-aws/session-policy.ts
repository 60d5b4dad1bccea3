// Session policies as AWS applies them: the session may do only what both the role's policies and the
// inline session policy allow. The inline policy is evaluated like any identity policy
// (policy-evaluation.ts); managed session policy ARNs are recorded, not evaluated (the fake holds no
// managed policy documents).
import { AwsError, validationError } from './aws-error.js'
import type { NamedPolicy, PolicyDocument } from './policy-evaluation.js'

/** An inline session policy as the policy it stands for, or throws AWS's error for a bad policy. */
export function sessionPolicy(policy: string): NamedPolicy {
  if (policy.length > 2048) {
    throw new AwsError(
      400,
      'PackedPolicyTooLarge',
      'Packed size of the policy and session tags exceeds the limit.'
    )
  }
  let document: PolicyDocument
  try {
    document = JSON.parse(policy) as PolicyDocument
  } catch {
    throw new AwsError(400, 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.')
  }
  if (document === null || typeof document !== 'object' || document.Statement === undefined) {
    throw new AwsError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.')
  }
  return { name: 'session policy', type: 'role', document }
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
