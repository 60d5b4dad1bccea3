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
  type LeakCheckOptions,
  type SecretLeak
} from './secret-leaks.js'
export { parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js'
export { parseEnvFile } from './env-file.js'
export { inputVariable, readActionInputs } from './action-metadata.js'
export { runnerLog, applyMasks } from './runner-log.js'
export { summaryToText } from './summary-to-text.js'
export { STEP_NODE, chooseStepNode, type StepNode } from './node-binary.js'
