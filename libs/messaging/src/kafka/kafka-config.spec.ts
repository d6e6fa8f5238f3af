import { logLevel } from 'kafkajs';
import { logLevelOf } from './kafka-config';

describe('logLevelOf', () => {
  const entry = (namespace: string, level: logLevel, message: string) => ({
    namespace,
    level,
    log: { message, timestamp: '', logger: 'kafkajs' },
  });

  it('warns about an error response that kafkajs retries', () => {
    const response = entry(
      'Connection',
      logLevel.ERROR,
      'Response ListOffsets(key: 2, version: 3)',
    );

    expect(logLevelOf(response)).toBe('warn');
  });

  it('keeps other errors', () => {
    expect(logLevelOf(entry('Connection', logLevel.ERROR, 'Connection error: ECONNREFUSED'))).toBe(
      'error',
    );
    expect(logLevelOf(entry('Consumer', logLevel.ERROR, 'Response Fetch'))).toBe('error');
  });

  it('keeps warnings and information', () => {
    expect(logLevelOf(entry('Connection', logLevel.WARN, 'Response Metadata'))).toBe('warn');
    expect(logLevelOf(entry('Runner', logLevel.INFO, 'Consumer has joined'))).toBe('info');
  });
});
