import type { MigrationPlan } from './plan.js'

// Every scalar is written as a JSON string and every document as one line of JSON: both are valid YAML
// flow values, so no YAML library is needed and nothing needs escaping by hand.
const q = (value: string): string => JSON.stringify(value)

/** cloudformation.yaml: the provider when missing, the role, its policies, its ARN as an output. */
export function renderCloudFormation(plan: MigrationPlan): string {
  const { role } = plan
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    `Description: ${q(`GitHub OIDC role ${role.name} replacing IAM user ${plan.user.name} (aws-auth-check migrate-to-oidc)`)}`,
    'Resources:'
  ]
  if (!plan.provider.exists) {
    lines.push(
      '  GitHubOidcProvider:',
      '    Type: AWS::IAM::OIDCProvider',
      '    Properties:',
      `      Url: ${q(plan.provider.url)}`,
      `      ClientIdList: [${q(plan.audience)}]`
    )
  }
  lines.push('  Role:', '    Type: AWS::IAM::Role')
  if (!plan.provider.exists) lines.push('    DependsOn: GitHubOidcProvider')
  lines.push(
    '    Properties:',
    `      RoleName: ${q(role.name)}`,
    `      Path: ${q(role.path)}`,
    `      Description: ${q(role.description)}`,
    `      MaxSessionDuration: ${role.maxSessionDuration}`,
    `      AssumeRolePolicyDocument: ${JSON.stringify(role.trustPolicy)}`
  )
  if (role.boundary) lines.push(`      PermissionsBoundary: ${q(role.boundary)}`)
  if (plan.managed.length > 0) {
    lines.push('      ManagedPolicyArns:', ...plan.managed.map(p => `        - ${q(p.arn)}`))
  }
  if (plan.inline.length > 0) {
    lines.push('      Policies:')
    for (const p of plan.inline)
      lines.push(`        - PolicyName: ${q(p.name)}`, `          PolicyDocument: ${p.document}`)
  }
  lines.push(
    '      Tags:',
    ...role.tags.flatMap(t => [`        - Key: ${q(t.Key)}`, `          Value: ${q(t.Value)}`])
  )
  lines.push('Outputs:', '  RoleArn:', '    Value:', '      Fn::GetAtt: [Role, Arn]')
  return `${lines.join('\n')}\n`
}
