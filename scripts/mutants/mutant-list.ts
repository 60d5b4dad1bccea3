// The deliberate breakages `npm run test:mutants` applies, one at a time, to a copy of the repository.
// Each must be killed (some test fails) by the tests listed with it. A pattern that no longer matches
// its file exactly once fails the run, so a refactor cannot silently retire a mutant: update the
// snippet to the new code instead. Keep snippets small and stable (one statement, not a whole block).
//
// Not listed, on purpose: removing main.ts's maskCredentials(obtained.credentials) call is an
// equivalent mutant today (stored secrets are masked by maskInputSecrets, assumed sessions by
// assumed-session.ts before main sees them), so no test can kill it.

export interface Mutant {
  id: string
  /** What the breakage does, for the report. */
  what: string
  file: string
  find: string
  replace: string
  /** Test files to run; any under __tests__/e2e/ makes the script rebundle dist/ first. */
  tests: string[]
}

const STATIC = '__tests__/e2e/static-keys.test.ts'
const ROLES = '__tests__/e2e/role-assumption.test.ts'
const BOUNDARIES = '__tests__/e2e/key-age-boundaries.test.ts'
const ROTATION = '__tests__/e2e/key-rotation.test.ts'

export const MUTANTS: Mutant[] = [
  {
    id: 'mask-input-secret-key',
    what: 'maskInputSecrets skips aws-secret-access-key',
    file: 'src/runtime/masking.ts',
    find: 'settings.secretAccessKey,\n    settings.sessionToken,',
    replace: 'settings.sessionToken,',
    tests: [STATIC, ROLES]
  },
  {
    id: 'mask-input-session-token',
    what: 'maskInputSecrets skips aws-session-token',
    file: 'src/runtime/masking.ts',
    find: 'settings.sessionToken,\n    settings.githubToken,',
    replace: 'settings.githubToken,',
    tests: [STATIC]
  },
  {
    id: 'mask-input-github-token',
    what: 'maskInputSecrets skips github-token',
    file: 'src/runtime/masking.ts',
    find: 'settings.githubToken,\n    settings.accessKeyId,',
    replace: 'settings.accessKeyId,',
    tests: [STATIC]
  },
  {
    id: 'mask-input-call',
    what: 'main never calls maskInputSecrets',
    file: 'src/main/run-main.ts',
    find: 'maskInputSecrets(settings)',
    replace: 'void maskInputSecrets',
    tests: [STATIC]
  },
  {
    id: 'mask-session-secret',
    what: 'maskCredentials skips the secret access key of obtained credentials',
    file: 'src/runtime/masking.ts',
    find: 'core.setSecret(credentials.secretAccessKey)',
    replace: 'void credentials.secretAccessKey',
    tests: [ROLES]
  },
  {
    id: 'mask-session-token',
    what: 'maskCredentials skips the session token of obtained credentials',
    file: 'src/runtime/masking.ts',
    find: 'if (credentials.sessionToken) core.setSecret(credentials.sessionToken)',
    replace: 'void credentials.sessionToken',
    tests: [ROLES]
  },
  {
    id: 'mask-account-id',
    what: 'mask-aws-account-id no longer masks the account id',
    file: 'src/runtime/masking.ts',
    find: 'core.setSecret(accountId)',
    replace: 'void accountId',
    tests: [STATIC]
  },
  {
    id: 'mask-chaining-secret',
    what: 'role-chaining skips masking the source secret key from the environment',
    file: 'src/auth/role-chaining.ts',
    find: 'core.setSecret(source.secretAccessKey)',
    replace: 'void source.secretAccessKey',
    tests: [ROLES]
  },
  {
    id: 'mask-chaining-token',
    what: 'role-chaining skips masking the source session token from the environment',
    file: 'src/auth/role-chaining.ts',
    find: 'if (source.sessionToken) core.setSecret(source.sessionToken)',
    replace: 'void source.sessionToken',
    tests: [ROLES]
  },
  {
    id: 'mask-token-file',
    what: 'web-identity-token-file token is never masked',
    file: 'src/auth/oidc-token.ts',
    find: 'core.setSecret(token)\n  return token',
    replace: 'return token',
    tests: [ROLES]
  },
  {
    id: 'mask-github-oidc-token',
    what: 'the GitHub OIDC token is never masked',
    file: 'src/auth/oidc-token.ts',
    find: 'core.setSecret(token)\n    return token',
    replace: 'return token',
    tests: [ROLES]
  },
  {
    id: 'mask-rotated-key',
    what: 'key rotation never masks the new key (id and secret)',
    file: 'src/rotation/rotate-with-action.ts',
    find: 'mask: secret => core.setSecret(secret),',
    replace: 'mask: secret => void secret,',
    tests: [ROTATION]
  },
  {
    id: 'export-on-failure',
    what: 'credentials exported before the verdict can fail the step',
    file: 'src/main/pipeline.ts',
    find: 'if (!verdict.ok) throw',
    replace: 'exportCredentials(settings, used)\n  if (!verdict.ok) throw',
    tests: [BOUNDARIES]
  },
  {
    id: 'key-age-max-boundary',
    what: 'key-age check: age > max-key-age-days becomes >=',
    file: 'src/checks/key-age.ts',
    find: 'ageDays > settings.maxKeyAgeDays',
    replace: 'ageDays >= settings.maxKeyAgeDays',
    tests: [BOUNDARIES]
  },
  {
    id: 'key-age-warn-boundary',
    what: 'key-age check: age > warn-key-age-days becomes >=',
    file: 'src/checks/key-age.ts',
    find: 'ageDays > settings.warnKeyAgeDays',
    replace: 'ageDays >= settings.warnKeyAgeDays',
    tests: [BOUNDARIES]
  },
  {
    id: 'audit-max-boundary',
    what: 'account audit: age > max-key-age-days becomes >=',
    file: 'src/audit/cis-rules.ts',
    find: 'age > thresholds.maxKeyAgeDays',
    replace: 'age >= thresholds.maxKeyAgeDays',
    tests: [BOUNDARIES]
  },
  {
    id: 'audit-warn-boundary',
    what: 'account audit: age > warn-key-age-days becomes >=',
    file: 'src/audit/cis-rules.ts',
    find: 'age > thresholds.warnKeyAgeDays',
    replace: 'age >= thresholds.warnKeyAgeDays',
    tests: [BOUNDARIES]
  },
  {
    id: 'audit-unused-boundary',
    what: 'account audit: idle <= unused-key-days (not unused) becomes <',
    file: 'src/audit/cis-rules.ts',
    find: 'idle <= thresholds.unusedKeyDays',
    replace: 'idle < thresholds.unusedKeyDays',
    tests: [BOUNDARIES]
  },
  {
    id: 'skip-post-restore',
    what: 'the post step never restores the AWS profile files',
    file: 'src/post/restore-profiles.ts',
    find: 'const problems = await restoreBackup(backup)',
    replace: "const problems: string[] = typeof restoreBackup === 'function' ? [] : ['unreachable']",
    tests: ['__tests__/e2e/profiles.test.ts']
  }
]
