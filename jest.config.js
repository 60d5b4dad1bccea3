// Two projects: fast unit tests of src/ and end-to-end tests that run the bundled dist/ as the runner does.
import { availableParallelism } from 'node:os'

const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    // src/aws/*-sdk.ts name the SDK's ES-module files for the bundle; tests use the package entry.
    '^@aws-sdk/client-(sts|iam|ec2|organizations)/dist-es/.*$': '@aws-sdk/client-$1',
    '^(\\.{1,2}/.*)\\.js$': '$1'
  },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }
    ]
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/build/']
}

export default {
  // One worker more than the cores: an end-to-end file spends most of its time waiting on the action's
  // child processes and the fakes' timers, and jest's default (cores - 1) ran the suite one file at a time
  // on a 2-core machine.
  maxWorkers: availableParallelism() + 1,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/__tests__/e2e/']
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] }
  ]
}
