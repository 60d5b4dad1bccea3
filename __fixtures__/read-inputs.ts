// Reading inputs from a table in unit tests. Import it with `await import(...)` after mocking
// @actions/core, as the tests do with src/inputs.js itself.
import { InputError, readSettings, type Settings } from '../src/inputs/settings.js'

/** The settings the action reads when the workflow gives exactly these inputs. */
export function settingsWith(inputs: Record<string, string>): Settings {
  return readSettings(name => inputs[name] ?? '')
}

/**
 * A test file's settings: `defaults` under each call's own inputs, e.g.
 * `const settings = settingsOver({ 'aws-region': 'eu-west-1' })` then `settings({ 'role-to-assume': ROLE })`.
 */
export function settingsOver(
  defaults: Record<string, string>
): (inputs?: Record<string, string>) => Settings {
  return (inputs = {}) => settingsWith({ ...defaults, ...inputs })
}

/** The InputError these inputs are rejected with; fails the test when they are accepted. */
export function errorFor(inputs: Record<string, string>): InputError {
  try {
    settingsWith(inputs)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}
