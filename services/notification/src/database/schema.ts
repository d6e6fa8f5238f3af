/** The Postgres schema this service owns. No other service reads it. */
export const SCHEMA = 'notification';
