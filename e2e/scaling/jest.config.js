module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'scaling',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.int-spec.ts'],
};
