export * from './app-error';
export * from './validation';
export * from './if-match';
export * from './error.filter';
export * from './instrumentation';
export * from './body-guard';
export * from './body-limit';
export * from './bootstrap';
