export * from './actor';
export * from './keys';
export * from './jwt';
export * from './auth.guard';
export * from './auth.module';
