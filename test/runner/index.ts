// Public surface of the runner emulation for e2e tests and the demo.
export {
  runMain,
  runPost,
  createJob,
  githubContext,
  NODE24,
  REPO_ROOT,
  FAKE_GITHUB_TOKEN,
  type RunResult,
  type RunOptions,
  type PostOptions,
  type JobDirs,
  type Annotation
} from './run-action.js'
export {
  assertNoSecretLeaks,
  findSecretLeaks,
  maskPosition,
  transcriptText,
  type LeakCheckOptions,
  type SecretLeak
} from './secret-leaks.js'
export { registerSecretSource, secretSources, type SecretSource, type HeldSecrets } from './secret-sources.js'
export { findStepProblems, SECRET_INPUTS, CREDENTIAL_OUTPUTS, type StepFacts } from './step-checks.js'
export { parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js'
export { parseEnvFile } from './env-file.js'
export { inputVariable, readActionInputs } from './action-metadata.js'
export { runnerLog, applyMasks } from './runner-log.js'
export { summaryToText } from './summary-to-text.js'
export { STEP_NODE, chooseStepNode, type StepNode } from './node-binary.js'
