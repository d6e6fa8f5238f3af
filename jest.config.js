module.exports = {
  projects: [
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/services/*/jest.config.js',
    '<rootDir>/deploy/jest.config.js',
    '<rootDir>/e2e/jest.config.js',
    '<rootDir>/e2e/scaling/jest.config.js',
  ],
};
