import type { MigrationPlan } from './plan.js'

/**
 * An HCL string literal: JSON's escapes are HCL's, and `${` / `%{` (which IAM policy variables such as
 * `${aws:username}` contain) are doubled so Terraform does not read them as its own templates.
 */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{')
}

const label = (name: string): string => name.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^([^A-Za-z_])/, '_$1')

/** main.tf: the provider when missing, the role, one attachment per managed policy, one per inline policy. */
export function renderTerraform(plan: MigrationPlan): string {
  const { role } = plan
  const blocks: string[] = []
  const providerArn = plan.provider.exists
    ? hclString(plan.provider.arn)
    : 'aws_iam_openid_connect_provider.github.arn'
  if (!plan.provider.exists) {
    blocks.push(
      [
        'resource "aws_iam_openid_connect_provider" "github" {',
        `  url            = ${hclString(plan.provider.url)}`,
        `  client_id_list = [${hclString(plan.audience)}]`,
        '}'
      ].join('\n')
    )
  }
  // The trust policy names the provider by reference, so Terraform creates the provider first.
  const trust = JSON.stringify(role.trustPolicy)
  const [before, after] = trust.split(JSON.stringify(plan.provider.arn))
  blocks.push(
    [
      'resource "aws_iam_role" "github" {',
      `  name                 = ${hclString(role.name)}`,
      `  path                 = ${hclString(role.path)}`,
      `  description          = ${hclString(role.description)}`,
      `  max_session_duration = ${role.maxSessionDuration}`,
      `  assume_role_policy   = replace(${hclString(`${before}"PROVIDER_ARN"${after}`)}, "PROVIDER_ARN", ${providerArn})`,
      ...(role.boundary ? [`  permissions_boundary = ${hclString(role.boundary)}`] : []),
      '  tags = {',
      ...role.tags.map(t => `    ${hclString(t.Key)} = ${hclString(t.Value)}`),
      '  }',
      '}'
    ].join('\n')
  )
  for (const p of plan.managed) {
    blocks.push(
      [
        `resource "aws_iam_role_policy_attachment" ${hclString(label(p.name))} {`,
        '  role       = aws_iam_role.github.name',
        `  policy_arn = ${hclString(p.arn)}`,
        '}'
      ].join('\n')
    )
  }
  for (const p of plan.inline) {
    blocks.push(
      [
        `resource "aws_iam_role_policy" ${hclString(label(`inline_${p.name}`))} {`,
        `  name   = ${hclString(p.name)}`,
        '  role   = aws_iam_role.github.id',
        `  policy = ${hclString(p.document)}`,
        '}'
      ].join('\n')
    )
  }
  blocks.push(['output "role_arn" {', '  value = aws_iam_role.github.arn', '}'].join('\n'))
  return `${blocks.join('\n\n')}\n`
}
