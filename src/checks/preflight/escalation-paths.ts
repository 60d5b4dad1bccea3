// The published IAM privilege-escalation paths the `escalation` check simulates: a path is open when
// every one of its actions is allowed. Sources:
//   [RSL]  Spencer Gietzen, Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation"
//          (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/), method N.
//   [BF]   Bishop Fox, "Privilege Escalation in AWS" / iam-vulnerable, the same methods by category.
// Actions are simulated on `*` (any resource) except `other-user` paths, which are simulated on an IAM
// user that is not the caller, so a policy scoped to `${aws:username}` (self-service) is not flagged.

import { ownUserResource, type Partition } from '../../aws/partition.js'

/** The resource a path's actions are simulated on. */
export type EscalationTarget = 'any' | 'other-user'

export interface EscalationPath {
  readonly id: string
  /** What an attacker holding these actions can do, one line. */
  readonly title: string
  /** Every action must be allowed for the path to be open. */
  readonly actions: readonly string[]
  readonly target: EscalationTarget
  /** How to close the path; a function of the identity's partition where it names an ARN. */
  readonly remedy: string | ((partition: Partition) => string)
  /** Where the path is published. */
  readonly source: string
}

const REMOVE_IAM_WRITE =
  'Remove the IAM write permission from the CI identity (deploy roles rarely need it), or scope its Resource to the exact policies/roles the deploy manages and add a permissions boundary.'
const SCOPE_PASSROLE =
  'Scope iam:PassRole to the exact role ARNs the deploy passes, with an iam:PassedToService condition, or remove the compute create permission.'

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  // [RSL] method 1; [BF] permissions on policies
  {
    id: 'create-policy-version',
    title: 'create a new default version of a managed policy it is attached to',
    actions: ['iam:CreatePolicyVersion'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 1'
  },
  // [RSL] method 2
  {
    id: 'set-default-policy-version',
    title: 'switch a managed policy to an older, broader version',
    actions: ['iam:SetDefaultPolicyVersion'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 2'
  },
  // [RSL] method 3; [BF] iam:PassRole
  {
    id: 'passrole-ec2',
    title: 'launch an EC2 instance with a more privileged instance profile and read its credentials',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    target: 'any',
    remedy: SCOPE_PASSROLE,
    source: 'Rhino Security Labs method 3'
  },
  // [RSL] method 4; [BF] permissions on other users
  {
    id: 'create-access-key',
    title: 'create an access key for another IAM user',
    actions: ['iam:CreateAccessKey'],
    target: 'other-user',
    remedy: partition => `Scope iam:CreateAccessKey to ${ownUserResource(partition)} or remove it.`,
    source: 'Rhino Security Labs method 4'
  },
  // [RSL] method 5
  {
    id: 'create-login-profile',
    title: 'set a console password for another IAM user',
    actions: ['iam:CreateLoginProfile'],
    target: 'other-user',
    remedy: 'Remove iam:CreateLoginProfile from the CI identity, or scope it to ${aws:username}.',
    source: 'Rhino Security Labs method 5'
  },
  // [RSL] method 6
  {
    id: 'update-login-profile',
    title: "change another IAM user's console password",
    actions: ['iam:UpdateLoginProfile'],
    target: 'other-user',
    remedy: 'Remove iam:UpdateLoginProfile from the CI identity, or scope it to ${aws:username}.',
    source: 'Rhino Security Labs method 6'
  },
  // [RSL] methods 7-9
  {
    id: 'attach-user-policy',
    title: 'attach any managed policy (e.g. AdministratorAccess) to a user',
    actions: ['iam:AttachUserPolicy'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 7'
  },
  {
    id: 'attach-group-policy',
    title: 'attach any managed policy to a group',
    actions: ['iam:AttachGroupPolicy'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 8'
  },
  {
    id: 'attach-role-policy',
    title: 'attach any managed policy to a role',
    actions: ['iam:AttachRolePolicy'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 9'
  },
  // [RSL] methods 10-12
  {
    id: 'put-user-policy',
    title: 'write an inline policy granting anything to a user',
    actions: ['iam:PutUserPolicy'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 10'
  },
  {
    id: 'put-group-policy',
    title: 'write an inline policy granting anything to a group',
    actions: ['iam:PutGroupPolicy'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 11'
  },
  {
    id: 'put-role-policy',
    title: 'write an inline policy granting anything to a role',
    actions: ['iam:PutRolePolicy'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 12'
  },
  // [RSL] method 13
  {
    id: 'add-user-to-group',
    title: 'add a user to a more privileged group (e.g. admins)',
    actions: ['iam:AddUserToGroup'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 13'
  },
  // [RSL] method 14; [BF] updating an AssumeRole policy
  {
    id: 'update-assume-role-policy',
    title: "rewrite a privileged role's trust policy to let itself assume it",
    actions: ['iam:UpdateAssumeRolePolicy'],
    target: 'any',
    remedy: REMOVE_IAM_WRITE,
    source: 'Rhino Security Labs method 14'
  },
  // [RSL] method 15
  {
    id: 'passrole-lambda-invoke',
    title: 'create and invoke a Lambda function that runs as a more privileged role',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    target: 'any',
    remedy: SCOPE_PASSROLE,
    source: 'Rhino Security Labs method 15'
  },
  // [RSL] method 16
  {
    id: 'passrole-lambda-event-source',
    title: 'create a Lambda function with a privileged role and trigger it from an event source',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    target: 'any',
    remedy: SCOPE_PASSROLE,
    source: 'Rhino Security Labs method 16'
  },
  // [RSL] method 17
  {
    id: 'update-function-code',
    title: "replace an existing Lambda function's code and run as its role",
    actions: ['lambda:UpdateFunctionCode'],
    target: 'any',
    remedy: 'Scope lambda:UpdateFunctionCode to the functions the deploy owns (their ARNs), not *.',
    source: 'Rhino Security Labs method 17'
  },
  // [RSL] method 18
  {
    id: 'passrole-glue',
    title: 'create a Glue dev endpoint with a privileged role and SSH into it',
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
    target: 'any',
    remedy: SCOPE_PASSROLE,
    source: 'Rhino Security Labs method 18'
  },
  // [RSL] method 19
  {
    id: 'update-glue-endpoint',
    title: "add its SSH key to an existing Glue dev endpoint and use the endpoint's role",
    actions: ['glue:UpdateDevEndpoint'],
    target: 'any',
    remedy:
      'Remove glue:UpdateDevEndpoint or scope it to endpoints whose role is no more privileged than the CI identity.',
    source: 'Rhino Security Labs method 19'
  },
  // [RSL] method 20
  {
    id: 'passrole-cloudformation',
    title: 'create a CloudFormation stack that runs as a more privileged role',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    target: 'any',
    remedy: SCOPE_PASSROLE,
    source: 'Rhino Security Labs method 20'
  },
  // [RSL] method 21
  {
    id: 'passrole-datapipeline',
    title: 'create a Data Pipeline that runs commands as a more privileged role',
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
    target: 'any',
    remedy: SCOPE_PASSROLE,
    source: 'Rhino Security Labs method 21'
  }
]
