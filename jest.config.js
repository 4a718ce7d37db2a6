// Unit specs sit beside the code (foo.spec.ts under src); e2e specs live in test (*.e2e-spec.ts).
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  // On PostgreSQL every e2e file drops and recreates the same schema (test/support/test-app.ts), so files
  // must run one at a time even when `npx jest` is run without --runInBand on a machine with many cores.
  ...(process.env.TEST_DATABASE_URL ? { maxWorkers: 1 } : {}),
};
