import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { settingsWith, errorFor } = await import('../../__fixtures__/read-inputs.js')

const valid = {
  'aws-region': 'eu-west-1',
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}

describe('migration-inputs', () => {
  it('reads the defaults: off, the caller, the default role name and subjects', () => {
    expect(settingsWith(valid)).toMatchObject({
      migrateToOidc: 'off',
      migrateUser: undefined,
      migrateRoleName: undefined,
      migrateSubjects: []
    })
  })

  it('reads a plan for another user with a narrowed subject list', () => {
    expect(
      settingsWith({
        ...valid,
        'migrate-to-oidc': 'apply',
        'migrate-user': 'ci-deployer',
        'migrate-role-name': 'deploy-prod',
        'migrate-subject': 'repo:acme/app:environment:prod\nrepo:acme/app:ref:refs/heads/main'
      })
    ).toMatchObject({
      migrateToOidc: 'apply',
      migrateUser: 'ci-deployer',
      migrateRoleName: 'deploy-prod',
      migrateSubjects: ['repo:acme/app:environment:prod', 'repo:acme/app:ref:refs/heads/main']
    })
  })

  it('refuses what IAM or GitHub would, naming the input', () => {
    expect(errorFor({ ...valid, 'migrate-to-oidc': 'yes' }).message).toMatch(
      /'migrate-to-oidc'.*off, plan, apply/
    )
    expect(
      errorFor({ ...valid, 'migrate-to-oidc': 'plan', 'migrate-role-name': 'x'.repeat(65) }).message
    ).toMatch(/'migrate-role-name'/)
    expect(errorFor({ ...valid, 'migrate-to-oidc': 'plan', 'migrate-user': 'a b' }).message).toMatch(
      /'migrate-user'/
    )
    expect(errorFor({ ...valid, 'migrate-to-oidc': 'plan', 'migrate-subject': '*' }).message).toMatch(
      /'migrate-subject'.*every repository on GitHub/
    )
    expect(errorFor({ ...valid, 'migrate-subject': 'repo:acme/app:*' }).message).toMatch(
      /'migrate-subject'.*only applies with migrate-to-oidc/
    )
  })
})
