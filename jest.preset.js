const path = require('node:path');

const libs = ['contracts', 'messaging', 'persistence', 'auth', 'observability', 'testing', 'http'];

module.exports = {
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  setupFilesAfterEnv: [path.join(__dirname, 'jest.timeout.js')],
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/src/**/*.int-spec.ts',
    '<rootDir>/test/**/*.spec.ts',
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.base.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(
    libs.map((lib) => [`^@deskflow/${lib}$`, path.join(__dirname, 'libs', lib, 'src', 'index.ts')]),
  ),
};
