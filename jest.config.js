// Two projects: fast unit tests of src/ and end-to-end tests that run the bundled dist/ as the runner does.
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
