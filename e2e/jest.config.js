const path = require('node:path');

module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: path.join(__dirname, '..'),
  roots: ['<rootDir>/e2e', '<rootDir>/scripts/demo'],
  testMatch: ['<rootDir>/e2e/**/*.spec.ts', '<rootDir>/scripts/demo/**/*.spec.ts'],
};
