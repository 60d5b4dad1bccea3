import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MigrationPlan } from './plan.js'
import { renderCloudFormation } from './render-cloudformation.js'
import { renderRoleJson, renderTrustPolicy } from './render-role.js'
import { renderTerraform } from './render-terraform.js'
import { renderWorkflow } from './render-workflow.js'

/** The five files of a plan, by name: one plan, rendered four ways plus the workflow change. */
export function planFiles(plan: MigrationPlan): Record<string, string> {
  return {
    'trust-policy.json': renderTrustPolicy(plan),
    'role.json': renderRoleJson(plan),
    'cloudformation.yaml': renderCloudFormation(plan),
    'main.tf': renderTerraform(plan),
    'workflow.md': renderWorkflow(plan)
  }
}

/** Writes the plan's files to RUNNER_TEMP/aws-auth-check-migration/<role> and returns the folder. */
export async function writePlanFiles(
  plan: MigrationPlan,
  env: Readonly<Record<string, string | undefined>> = process.env
): Promise<string> {
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'aws-auth-check-migration', plan.role.name)
  await mkdir(dir, { recursive: true })
  await Promise.all(Object.entries(planFiles(plan)).map(([name, text]) => writeFile(join(dir, name), text)))
  return dir
}
