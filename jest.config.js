// One runner for unit, integration and e2e tests, all against real PostgreSQL (see test/setup/).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/web/src'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.int-spec.ts'],
  // pdfjs-dist (the tests' PDF reader) is ES modules only (.mjs): compiled to CommonJS like the rest,
  // since Jest loads ESM from CommonJS only with --experimental-vm-modules or on Node ≥ 24.9.
  transform: { '^.+\\.(t|j)s$': swc, '^.+/pdfjs-dist/.+\\.mjs$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|content-disposition|pdfjs-dist)/)',
  ],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/test-password.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-after-env.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
