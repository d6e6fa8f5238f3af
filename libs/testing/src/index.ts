export * from './test-database';
export * from './test-kafka';
export * from './wait-for';
export * from './service-harness';
export * from './ticket-created-payload';
export * from './openapi-schema-defects';
export * from './forged-cursors';
export * from './collect-pages';
