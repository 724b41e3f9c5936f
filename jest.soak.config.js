// `npm run test:soak`: the long suites of issue 15 (the bank test at ≥ 100,000 operations, the crash
// test, the database outage under load), outside `npm test`. Same set-up as jest.config.js.
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.soak-spec.ts'],
  testTimeout: 4 * 60 * 60 * 1000,
  maxWorkers: 1,
};
