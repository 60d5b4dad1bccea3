import type { MigrationPlan } from './plan.js'

/** What to delete and when: the summary and workflow.md list the same steps. */
export function nextSteps(plan: MigrationPlan): string[] {
  const user = plan.user.name
  return [
    `Change the workflow as below: \`permissions: id-token: write\`, \`role-to-assume: ${plan.role.arn}\`, and the key inputs removed.`,
    'Run it. Only after its first green run with the role, delete what the key was:',
    'the GitHub secrets that hold the key (e.g. `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`), in every repository, environment or organization that has them;',
    `the access key itself: \`aws iam update-access-key --user-name ${user} --access-key-id <id> --status Inactive\`, then a week later \`aws iam delete-access-key --user-name ${user} --access-key-id <id>\`;`,
    `the user ${user}, once nothing else uses it (its policies stay attached to the role: they are not deleted with it).`,
    'aws-auth-check never touches the user, its keys or the secrets: these deletions are yours.'
  ]
}

/** workflow.md: the change to the workflow, then what to delete and when. */
export function renderWorkflow(plan: MigrationPlan): string {
  return [
    `# Replace ${plan.user.name}'s key with the role ${plan.role.name}`,
    '',
    '## Before',
    '',
    '```yaml',
    'steps:',
    '  - uses: org/aws-auth-check@v1',
    '    with:',
    '      aws-region: <region>',
    '      aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
    '      aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
    '```',
    '',
    '## After',
    '',
    '```yaml',
    'permissions:',
    '  id-token: write # the job may request its GitHub OIDC token',
    '  contents: read',
    'steps:',
    '  - uses: org/aws-auth-check@v1',
    '    with:',
    '      aws-region: <region>',
    `      role-to-assume: ${plan.role.arn}`,
    ...(plan.audience === 'sts.amazonaws.com' ? [] : [`      audience: ${plan.audience}`]),
    '```',
    '',
    `The role admits tokens whose \`sub\` matches ${plan.subjects.map(s => `\`${s}\``).join(' or ')}.`,
    '',
    '## Then',
    '',
    ...nextSteps(plan).map((step, i) => `${i + 1}. ${step}`),
    ''
  ].join('\n')
}
