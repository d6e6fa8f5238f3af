export * from './calendar-spec';
export * from './business-calendar';
