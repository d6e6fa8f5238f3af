module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ticket',
  rootDir: __dirname,
};
