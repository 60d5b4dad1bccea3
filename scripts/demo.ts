// `npm run demo`: see the action work without an AWS account. Starts the local AWS endpoint and the
// OIDC token server, runs the real bundle (dist/) as the runner would in a few scenarios, and prints
// the log, outputs and job summary as GitHub would show them.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadSeed, seedKey, startFakeAws } from '../test/fake-aws/index.js'
import { defaultGitHubClaims, startTokenServer } from '../test/oidc/token-server.js'
import { addRotatingUser } from '../test/fake-aws/rotation-users.js'
import { addMigratingUser } from '../test/fake-aws/migration-seed.js'
import { startFakeGithubSecrets } from '../test/fake-github/secrets-server.js'
import { showRenewal } from './demo/refresh-scenario.js'
import {
  REPO_ROOT,
  STEP_NODE,
  runMain,
  runnerLog,
  summaryToText,
  type RunResult
} from '../test/runner/index.js'

const tty = process.stdout.isTTY
const paint = (code: string) => (text: string) => (tty ? `\u001b[${code}m${text}\u001b[0m` : text)
const bold = paint('1')
const dim = paint('2')
const green = paint('32')
const red = paint('31')
const cyan = paint('36')
const indent = (text: string, by = '    '): string => text.replace(/^/gm, by)

if (!existsSync(join(REPO_ROOT, 'dist', 'index.js'))) {
  console.log(dim('dist/ is missing: bundling the action first (npm run bundle)…'))
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'inherit'
  })
}

const seed = loadSeed('default')
// Key rotation scenario: a user allowed to rotate its own 100-day-old key, and a GitHub secrets API
// (real sealed boxes) holding that key in this repository's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
const rotatingKey = addRotatingUser(seed, 'demo-rotator', { keyAgeDays: 100 }).accessKeys[0]!
const ROTATION_TOKEN = 'github_pat_demoRotationToken000000000000'
const github = await startFakeGithubSecrets({
  tokens: { [ROTATION_TOKEN]: 'write' },
  repositories: ['octo-org/octo-repo']
})
github.setSecret('repo:octo-org/octo-repo', 'AWS_ACCESS_KEY_ID', rotatingKey.id)
github.setSecret('repo:octo-org/octo-repo', 'AWS_SECRET_ACCESS_KEY', rotatingKey.secret)
// Migration scenario: a deploy user with a stored key, two groups and a boundary, to move to OIDC.
addMigratingUser(seed, 'demo-deployer')
const tokens = await startTokenServer()
const fake = await startFakeAws(seed, { oidcKeys: { [tokens.issuer]: tokens.jwks } })

interface Scenario {
  title: string
  explain: string
  inputs: Record<string, string>
  env?: Record<string, string>
  /** Changes the world before the run (e.g. the claims of the next OIDC token). */
  arrange?: () => void
  /** What happens in later steps of the job, printed after the step itself. */
  afterwards?: (result: RunResult) => Promise<string[]>
}

const storedKeys = (user: string): Record<string, string> => {
  const key = seedKey(seed, user)
  return { 'aws-region': 'eu-west-1', 'aws-access-key-id': key.id, 'aws-secret-access-key': key.secret }
}

const scenarios: Scenario[] = [
  {
    title: 'Stored keys, fresh key',
    explain: 'aws-access-key-id / aws-secret-access-key from secrets; the key is 10 days old.',
    inputs: storedKeys('admin')
  },
  {
    title: 'GitHub OIDC, no stored secret',
    explain:
      'permissions: id-token: write + role-to-assume; the token server plays GitHub, the fake plays STS.',
    inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' },
    env: tokens.env
  },
  {
    title: 'Stored keys, 80-day-old key',
    explain: 'Older than warn-key-age-days (75): expect a warning with rotation advice.',
    inputs: storedKeys('aging')
  },
  {
    title: 'Stored keys, 100-day-old key',
    explain: 'Older than max-key-age-days (90) with enforce-key-age: expect the step to fail.',
    inputs: storedKeys('stale')
  },
  {
    title: 'A check denied by IAM',
    explain:
      "IAM user 'reader' may only call sts:GetCallerIdentity: each denied check is a warning naming the IAM action and the minimal statement that allows it.",
    inputs: storedKeys('reader')
  },
  {
    title: 'A wrong secret',
    explain: 'The aws-secret-access-key secret was pasted truncated: the signature does not match.',
    inputs: { ...storedKeys('admin'), 'aws-secret-access-key': seedKey(seed, 'admin').secret.slice(0, 30) }
  },
  {
    title: 'OIDC: the trust policy does not admit this job',
    explain:
      "The role 'deploy' trusts main only; this job runs on a feature branch. Expect the token's claims and the Condition to add.",
    inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' },
    env: tokens.env,
    arrange: () => {
      tokens.claims = defaultGitHubClaims({ ref: 'refs/heads/feature/login' })
    }
  },
  {
    title: 'Account audit of every IAM user',
    explain:
      'audit-scope: account with an OIDC audit role: the credential report, findings by CIS rule, and the summary (fail-on-findings: false).',
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': 'arn:aws:iam::123456789012:role/auditor',
      'audit-scope': 'account',
      checks: 'identity',
      'fail-on-findings': 'false'
    },
    env: tokens.env
  }
]

scenarios.push({
  title: 'Stored keys, 100-day-old key, rotate-key: expired',
  explain:
    'The action replaces the key itself: new key proven, secrets rewritten, old key deactivated; the job continues with the new key.',
  inputs: {
    'aws-region': 'eu-west-1',
    'aws-access-key-id': rotatingKey.id,
    'aws-secret-access-key': rotatingKey.secret,
    'rotate-key': 'expired',
    'github-token': ROTATION_TOKEN
  },
  env: { GITHUB_API_URL: github.url }
})

const migration = (mode: string): Record<string, string> => ({
  ...storedKeys('admin'),
  checks: 'identity',
  'migrate-to-oidc': mode,
  'migrate-user': 'demo-deployer'
})
// The account has no GitHub OIDC provider yet: the migration creates it.
const withoutProvider = () => void (fake.account.oidcProviders.length = 0)
scenarios.push(
  {
    title: 'From stored keys to no keys: plan',
    explain:
      "migrate-to-oidc: plan reads demo-deployer's policies, groups and boundary and writes the OIDC role that replaces its key (trust policy, CloudFormation, Terraform, workflow change). Nothing in AWS changes.",
    inputs: migration('plan'),
    arrange: withoutProvider
  },
  {
    title: 'From stored keys to no keys: apply',
    explain:
      "migrate-to-oidc: apply creates the provider and the role, then proves it with this job's own OIDC token. Any failure would remove what it created.",
    inputs: migration('apply'),
    env: tokens.env,
    arrange: withoutProvider
  }
)
scenarios.push({
  title: 'OIDC with refresh-credentials: the session outlives its expiry',
  explain:
    'refresh-credentials: true; the fake hands out 4-second sessions. A later step reads the endpoint before and after the first session expired, then the post step stops it.',
  inputs: {
    'aws-region': 'eu-west-1',
    'role-to-assume': 'arn:aws:iam::123456789012:role/deploy',
    'refresh-credentials': 'true'
  },
  env: tokens.env,
  arrange: () => {
    fake.sessionLifetimeMs = 4_000
  },
  afterwards: result => showRenewal(fake, result)
})

function show(scenario: Scenario, index: number, result: RunResult): void {
  const ok = result.exitCode === 0
  console.log(
    `\n${bold(`━━ ${index + 1}. ${scenario.title} `)}${bold('━'.repeat(Math.max(3, 60 - scenario.title.length)))}`
  )
  console.log(dim(scenario.explain))
  console.log(
    `${ok ? green('✔ step succeeded') : red(`✘ step failed (exit ${result.exitCode})`)}  ${dim(`${Math.round(result.durationMs)} ms, ${fake.requests.length} AWS call${fake.requests.length === 1 ? '' : 's'}`)}`
  )
  console.log(cyan('\n  Log'))
  console.log(indent(runnerLog(result).join('\n') || '(empty)'))
  console.log(cyan('\n  Outputs'))
  const outputs = Object.entries(result.outputs)
  console.log(indent(outputs.map(([k, v]) => `${k} = ${v}`).join('\n') || '(none)'))
  console.log(cyan('\n  Exported to later steps (GITHUB_ENV)'))
  const exported = Object.entries(result.exportedEnv).map(
    ([k, v]) => `${k}=${result.masks.includes(v) ? '***' : v}`
  )
  console.log(indent(exported.join('\n') || '(nothing: variables are exported only when the step succeeds)'))
  console.log(cyan('\n  Job summary'))
  console.log(indent(summaryToText(result.summary) || '(none)'))
}

try {
  console.log(bold('aws-auth-check demo'))
  if (STEP_NODE.note !== undefined) console.log(STEP_NODE.note)
  console.log(
    dim(
      `local AWS endpoint ${fake.url} (SigV4-verified STS, IAM, EC2), OIDC token server ${tokens.url.split('/_apis')[0]}`
    )
  )
  for (const [index, scenario] of scenarios.entries()) {
    fake.reset()
    tokens.claims = defaultGitHubClaims()
    scenario.arrange?.()
    const result = await runMain({ inputs: scenario.inputs, env: { ...fake.env(), ...(scenario.env ?? {}) } })
    show(scenario, index, result)
    if (scenario.afterwards) {
      console.log(cyan('\n  Later steps'))
      console.log(indent((await scenario.afterwards(result)).join('\n')))
    }
  }
  console.log(
    dim(
      STEP_NODE.note === undefined
        ? '\nEvery run above used the real bundle (dist/) under node 24, exactly as a GitHub runner would.'
        : `\nEvery run above used the real bundle (dist/), under ${process.version} (see the note at the top).`
    )
  )
} finally {
  await fake.close()
  await tokens.close()
  await github.close()
}
